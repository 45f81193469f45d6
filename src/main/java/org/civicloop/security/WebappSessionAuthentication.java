package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.civicloop.system.EngineWork;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' login carried over to the dashboard: a request with the session of someone logged in to Tasklist,
 * Cockpit or Admin (or to the dashboard, which logs in through the same endpoint) is that account. Its groups
 * are read afresh on every request, so a membership removed applies at once. Reads the session, never makes one.
 */
class WebappSessionAuthentication extends OncePerRequestFilter {

	private static final String ENGINE = "default";

	private final EngineWork engine;

	WebappSessionAuthentication(EngineWork engine) {
		this.engine = engine;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var session = request.getSession(false);
		var webapps = session == null ? null : AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(ENGINE);
		if (webapps != null) {
			String user = webapps.getName();
			SecurityContextHolder.getContext().setAuthentication(EngineIdentityAuthentication.authenticated(user, engine.groupsOf(user)));
		}
		chain.doFilter(request, response);
	}

}
