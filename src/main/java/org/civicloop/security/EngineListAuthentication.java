package org.civicloop.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's engine REST authentication leaves the list of engine names ({@code GET /engine-rest/engine})
 * open; CivicLoop asks for credentials there too, so that no part of the engine REST API answers anonymously.
 */
class EngineListAuthentication extends OncePerRequestFilter {

	private final EngineIdentityAuthentication accounts;

	EngineListAuthentication(EngineIdentityAuthentication accounts) {
		this.accounts = accounts;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/engine-rest/engine") || path.equals("/engine-rest/engine/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasValidCredentials(request.getHeader("Authorization"))) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"CivicLoop\"");
			Problems.write(response, 401, "Unauthorized", "Log in with a CivicLoop account (HTTP Basic)");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean hasValidCredentials(String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException notBase64) {
			return false;
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return false;
		}
		try {
			accounts.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(decoded.substring(0, colon),
					decoded.substring(colon + 1)));
			return true;
		}
		catch (AuthenticationException bad) {
			return false;
		}
	}

}
