package org.civicloop.security;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.civicloop.organization.OrganizationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.civicloop.organization.Roles;

/**
 * The first administrator of an installation, outside the demo: while there is none, CivicLoop prints a
 * one-time setup link in the log at start. Opening it leads to Camunda Admin's own setup page, where the
 * first administrator chooses their id and password (under the password policy); the page's request is
 * accepted only from a browser that opened the link. Once an administrator exists the link is dead and
 * Camunda offers no setup at all. Nobody else can take the setup page while it is open, and no password is
 * ever in a file or an environment variable.
 */
@Component
@RestController
@Order(20)
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	static final String COOKIE = "civicloop-setup";

	private static final String SETUP_API = "/camunda/api/admin/setup";

	private final IdentityService identity;

	private final OrganizationProperties organization;

	/** The SHA-256 of this start's setup token, while setup is open; null otherwise. */
	private volatile byte[] token;

	FirstAdministrator(IdentityService identity, OrganizationProperties organization) {
		this.identity = identity;
		this.organization = organization;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (organization.demo() || hasAdministrator()) {
			return;
		}
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		token = ApiKeys.hash(secret).getBytes();
		log.warn("No administrator yet. Open /setup?token={} on this node, once, to create the first one "
				+ "(the link works until an administrator exists; a restart makes a new one)", secret);
	}

	/** The setup link: marks this browser as the one allowed to set up, and sends it to Camunda Admin's setup page. */
	@GetMapping("/setup")
	ResponseEntity<Void> open(@RequestParam(required = false) String token, HttpServletResponse response) {
		if (!matches(token)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
		}
		var cookie = new Cookie(COOKIE, token);
		cookie.setPath(SETUP_API);
		cookie.setHttpOnly(true);
		cookie.setAttribute("SameSite", "Strict");
		response.addCookie(cookie);
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/camunda/app/admin/default/setup/#/setup")).build();
	}

	private boolean matches(String given) {
		byte[] expected = token;
		if (expected != null && hasAdministrator()) {
			token = null; // setup is over for good on this start, even if the administrators' group empties later
			expected = null;
		}
		if (expected == null || given == null) {
			return false;
		}
		return MessageDigest.isEqual(expected, ApiKeys.hash(given).getBytes());
	}

	private boolean hasAdministrator() {
		return identity.createUserQuery().memberOfGroup(Roles.ADMIN).count() > 0;
	}

	/** Camunda Admin's setup requests pass only from the browser that opened the setup link. */
	OncePerRequestFilter guard() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String given = null;
				for (Cookie cookie : request.getCookies() == null ? new Cookie[0] : request.getCookies()) {
					if (COOKIE.equals(cookie.getName())) {
						given = cookie.getValue();
					}
				}
				if (!"GET".equals(request.getMethod()) && !matches(given)) {
					Problems.write(response, 403, "Forbidden", "Open the setup link printed in the log at start first; "
							+ "once an administrator exists, there is no setup");
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

}
