package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.civicloop.system.EngineWork;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who calls the engine REST API ({@code /engine-rest/**}, every path of it, the list of engines included):
 * HTTP Basic, as Camunda Modeler sends it, or a service account's API key ({@code Bearer}), both checked by
 * {@link AccountCheck}. The caller is handed to the engine with their groups and tenants for the length of
 * the request, and left on the request as {@link #CALLER} for the error translation. Anything else — no
 * credentials, a malformed header, a wrong password, an unknown account — is the same 401.
 */
class EngineRestAuthentication extends OncePerRequestFilter {

	/** The request attribute holding the verified {@link AccountCheck.Login}. */
	static final String CALLER = EngineRestAuthentication.class.getName() + ".caller";

	private final AccountCheck accounts;

	/**
	 * The engine REST endpoint that checks any account's password ({@code POST .../identity/verify}): it would
	 * go around the login throttle and the equal timing of failures, so no entrance offers it.
	 */
	static boolean checksPasswords(HttpServletRequest request) {
		// the decoded path without parameters, and Jersey answers with or without trailing slashes
		String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		return path.replaceAll("/+$", "").endsWith("/identity/verify");
	}

	private final EngineWork engine;

	EngineRestAuthentication(AccountCheck accounts, EngineWork engine) {
		this.accounts = accounts;
		this.engine = engine;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (checksPasswords(request)) {
			Problems.write(response, 404, "Not Found", "Passwords are checked by logging in, not by this endpoint");
			return;
		}
		AccountCheck.Login login;
		try {
			login = accounts.authorization(request.getHeader("Authorization"), request.getRemoteAddr());
		}
		catch (AccountCheck.Refused refused) {
			Problems.refused(response, refused);
			return;
		}
		request.setAttribute(CALLER, login);
		try (var acting = engine.enter(login.user(), login.groups(), login.tenants())) {
			chain.doFilter(request, response);
		}
	}

}
