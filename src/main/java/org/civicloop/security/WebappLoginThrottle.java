package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' own login ({@code POST /camunda/api/admin/auth/user/default/login/{app}}) counts its failures
 * per address with every other login ({@link LoginThrottle}), is refused (429) past the limit, and every
 * failure takes the same time as elsewhere; the webapps' copy of the engine's password check
 * ({@code .../identity/verify}) is not offered.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	WebappLoginThrottle(LoginThrottle throttle, java.time.Duration failureTime) {
		this.throttle = throttle;
		this.failureTime = failureTime;
	}

	private final java.time.Duration failureTime;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !EngineRestAuthentication.checksPasswords(request)
				&& (!"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (EngineRestAuthentication.checksPasswords(request)) {
			Problems.write(response, 404, "Not Found", "Passwords are checked by logging in, not by this endpoint");
			return;
		}
		long started = System.nanoTime();
		var wait = throttle.attempt(request.getRemoteAddr(), null);
		if (!wait.isZero()) {
			Problems.throttled(response, wait);
			return;
		}
		boolean failed = false;
		try {
			chain.doFilter(request, response);
			failed = response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
		}
		finally {
			if (!failed) {
				throttle.notAFailure(request.getRemoteAddr(), null);
			}
		}
		if (failed) {
			AccountCheck.waitOut(failureTime, started); // a failure takes as long here as on every other entrance
		}
	}

}
