package org.civicloop.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A change made with the webapps' session must carry the webapps' CSRF token, as Tasklist's own calls do: the
 * header {@code X-XSRF-TOKEN} equal to the token Camunda keeps in the session (handed out in that header by
 * any webapp request sent with {@code X-XSRF-TOKEN: Fetch}). Without it, the session cookie a browser sends by
 * itself from another site's page could change a unit's process. Reads need no token, and a read by someone
 * logged in hands the session's token out in the same header (Camunda hands it out once per session only, and
 * its cookie is for {@code /camunda}), so a page opened after logging in to Tasklist can make changes.
 */
class WebappCsrfCheck extends OncePerRequestFilter {

	static final String HEADER = CsrfConstants.CSRF_TOKEN_HEADER_NAME;

	/** Where Camunda's CSRF filter keeps the session's token. */
	static final String SESSION_ATTRIBUTE = CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var caller = SecurityContextHolder.getContext().getAuthentication();
		boolean loggedIn = caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
		// no one logged in: nothing to ride on, and the authorization after this answers 401
		if (loggedIn && !reads(request.getMethod()) && !carriesToken(request)) {
			Problems.write(response, 403, "Forbidden", "A change needs the webapps' CSRF token in the header " + HEADER);
			return;
		}
		if (loggedIn && reads(request.getMethod()) && token(request) instanceof String token) {
			response.setHeader(HEADER, token);
		}
		chain.doFilter(request, response);
	}

	private static boolean reads(String method) {
		return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
	}

	private static Object token(HttpServletRequest request) {
		var session = request.getSession(false);
		return session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
	}

	private static boolean carriesToken(HttpServletRequest request) {
		Object expected = token(request);
		String sent = request.getHeader(HEADER);
		return expected instanceof String token && sent != null
				&& MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
	}

}
