package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's firewall (its strict default: no encoded dots, slashes or path parameters, no dot segments,
 * no control characters) in front of every other filter, answering 400 with a problem. Spring Security's
 * filter applies the same firewall to every request, but only after the filters before it: a request such as
 * {@code /api/%2e%2e/engine-rest/task}, which Tomcat hands to the engine REST API, failed in the request-path
 * parsing Spring Security puts before its chains, with a 500.
 */
class FirewallFirst extends OncePerRequestFilter {

	private final HttpFirewall firewall = new StrictHttpFirewall();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			firewall.getFirewalledRequest(request);
		}
		catch (RequestRejectedException rejected) {
			Problems.write(response, 400, "Bad Request",
					"The request's path or headers hold what is not accepted here (encoded dots or slashes, dot segments, "
							+ "path parameters, control characters)");
			return;
		}
		chain.doFilter(request, response);
	}

}
