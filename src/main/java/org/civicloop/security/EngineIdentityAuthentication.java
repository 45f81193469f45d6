package org.civicloop.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.civicloop.organization.EngineAccounts;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Spring Security's side of the one account store: checks passwords against the engine's identity
 * (with its login-attempt throttling) and gives each group as an authority {@code GROUP_<id>}.
 *
 * <p>County systems send credentials with every request. A verified login is remembered for
 * {@link #REMEMBER} (keyed by user and a SHA-256 of the password, never the password), with the caller's
 * groups and tenants, so a busy intake system costs one identity look-up a minute instead of four per
 * request. The price: a changed password, a removal or a new membership takes up to a minute to apply.
 */
@Component
class EngineIdentityAuthentication implements AuthenticationProvider {

	static final java.time.Duration REMEMBER = java.time.Duration.ofSeconds(60);

	private static final int MAX_REMEMBERED = 10_000;

	private final IdentityService identity;

	private final java.util.Map<String, Login> logins = new java.util.concurrent.ConcurrentHashMap<>();

	EngineIdentityAuthentication(IdentityService identity) {
		this.identity = identity;
	}

	/** A verified login: who, with which groups and tenants, until when. */
	record Login(String user, List<String> groups, List<String> tenants, long until) {
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = authentication.getName();
		Object password = authentication.getCredentials();
		if (user == null || password == null) {
			throw new BadCredentialsException("Bad credentials");
		}
		Login login = login(user, password.toString());
		List<SimpleGrantedAuthority> authorities = login.groups().stream()
			.map(group -> new SimpleGrantedAuthority("GROUP_" + group)).toList();
		var authenticated = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
		authenticated.setDetails(login);
		return authenticated;
	}

	private Login login(String user, String password) {
		String key = user + "\u0000" + sha256(password);
		long now = System.nanoTime();
		Login remembered = logins.get(key);
		if (remembered != null && remembered.until() - now > 0) {
			return remembered;
		}
		if (!identity.checkPassword(user, password)) {
			logins.remove(key);
			throw new BadCredentialsException("Bad credentials");
		}
		if (logins.size() > MAX_REMEMBERED) {
			logins.clear();
		}
		Login login = new Login(user, EngineAccounts.groupsOf(identity, user), EngineAccounts.tenantsOf(identity, user), now + REMEMBER.toNanos());
		logins.put(key, login);
		return login;
	}

	private static String sha256(String text) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
