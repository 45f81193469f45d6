package org.civicloop.security;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per client address on the parts anyone may call without an account ({@code /api/public/**},
 * Open311): {@code burst} requests at once, refilled at {@code perMinute}. Past it, 429 with Retry-After.
 * Buckets live in this node's memory, so with several nodes each allows its own share.
 */
class PublicRateLimitFilter extends OncePerRequestFilter {

	private static final int MAX_CLIENTS = 100_000;

	private final int burst;

	private final double perNano;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	PublicRateLimitFilter(int burst, int perMinute) {
		this.burst = burst;
		this.perNano = perMinute / 60e9;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (buckets.size() > MAX_CLIENTS) {
			buckets.clear(); // a flood of addresses: start afresh rather than grow without bound
		}
		Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), address -> new Bucket(burst, System.nanoTime()));
		if (!bucket.take(burst, perNano, System.nanoTime())) {
			response.setHeader("Retry-After", String.valueOf((long) Math.ceil(1 / (perNano * 1e9))));
			Problems.write(response, 429, "Too Many Requests", "Too many requests from your address; try again shortly");
			return;
		}
		chain.doFilter(request, response);
	}

	private static final class Bucket {

		private double tokens;

		private long at;

		Bucket(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}

		synchronized boolean take(int burst, double perNano, long now) {
			tokens = Math.min(burst, tokens + (now - at) * perNano);
			at = now;
			if (tokens < 1) {
				return false;
			}
			tokens -= 1;
			return true;
		}

	}

}
