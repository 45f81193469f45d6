package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.civicloop.organization.EngineAccounts;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the caller Spring Security authenticated on to the engine for the length of the request, so
 * that what CivicLoop's own API asks of the engine is checked against the caller's grants and tenants.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {

	private final IdentityService identity;

	EngineAuthenticationFilter(IdentityService identity) {
		this.identity = identity;
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
		if (authentication.getDetails() instanceof AccountCheck.Login login) {
			identity.setAuthentication(authentication.getName(), login.groups(), login.tenants());
		}
		else {
			EngineAccounts.authenticate(identity, authentication.getName());
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			identity.clearAuthentication();
		}
	}

}
