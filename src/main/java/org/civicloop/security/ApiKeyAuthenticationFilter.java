package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer <API key>} on {@code /api}: a service account's key, checked by {@link AccountCheck}. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private final AccountCheck accounts;

	ApiKeyAuthenticationFilter(AccountCheck accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			var login = accounts.authorization(header, request.getRemoteAddr());
			SecurityContextHolder.getContext().setAuthentication(EngineIdentityAuthentication.authenticated(login));
		}
		catch (AccountCheck.Refused refused) {
			Problems.refused(response, refused);
			return;
		}
		chain.doFilter(request, response);
	}

}
