package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' own login ({@code POST /camunda/api/admin/auth/user/default/login/{app}}) counts its failures
 * per address with every other login ({@link LoginThrottle}) and is refused (429) past the limit.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	WebappLoginThrottle(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var wait = throttle.refusedFor(request.getRemoteAddr(), null);
		if (!wait.isZero()) {
			Problems.throttled(response, wait);
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			throttle.failed(request.getRemoteAddr(), null);
		}
	}

}
