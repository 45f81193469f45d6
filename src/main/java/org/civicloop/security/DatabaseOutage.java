package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civicloop.system.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that failed because the database could not be reached — down, restarting, or no connection free
 * within the pool's wait — is answered 503 with {@code Retry-After}, as problem details, and may be sent again:
 * where the connection broke while committing, the first attempt may have been taken, which a retry with the
 * same {@code Idempotency-Key} finds. Everything else passes through untouched.
 */
class DatabaseOutage extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

	static final int RETRY_AFTER_SECONDS = 5;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException failure) {
			if (!DatabaseFailures.outage(failure) || response.isCommitted()) {
				throw failure;
			}
			log.warn("{} {} refused with 503: the database cannot be reached ({})", request.getMethod(), request.getRequestURI(),
					rootOf(failure).getClass().getSimpleName());
			response.resetBuffer();
			response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
			Problems.write(response, 503, "Service Unavailable", "The database cannot be reached just now. Send the request again in a "
					+ "few seconds (with the same Idempotency-Key where it had one)");
		}
	}

	private static Throwable rootOf(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
