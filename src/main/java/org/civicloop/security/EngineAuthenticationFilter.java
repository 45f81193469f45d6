package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civicloop.system.EngineWork;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the caller Spring Security authenticated on to the engine for the length of the request, so
 * that what CivicLoop's own API asks of the engine is checked against the caller's grants and tenants.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {

	private final EngineWork engine;

	EngineAuthenticationFilter(EngineWork engine) {
		this.engine = engine;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		String user = authentication.getName();
		var login = authentication.getDetails() instanceof AccountCheck.Login verified ? verified
				: new AccountCheck.Login(user, engine.groupsOf(user), engine.tenantsOf(user), 0);
		try (var acting = engine.enter(user, login.groups(), login.tenants())) {
			chain.doFilter(request, response);
		}
	}

}
