package org.civicloop.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.civicloop.system.EngineWork;

import org.springframework.stereotype.Component;

/**
 * The one check of credentials behind every entrance — CivicLoop's API, the engine REST API (Camunda
 * Modeler), the webapps' login throttle: a password checked against the engine's identity, or a service
 * account's API key. Attempts from an address past its limit are refused before any check
 * ({@link LoginThrottle}); every failure takes the same time and says the same, whether the account exists,
 * has no password or was given the wrong one.
 *
 * <p>County systems send credentials with every request. A verified login is remembered for
 * {@link #REMEMBER} (keyed by the credential's SHA-256, never the credential), with the caller's groups and
 * tenants, so a busy intake system costs one identity look-up a minute instead of four per request. The
 * price: a changed password, a removal or a new membership takes up to a minute to apply.
 */
@Component
class AccountCheck {

	static final Duration REMEMBER = Duration.ofSeconds(60);

	private static final int MAX_REMEMBERED = 10_000;

	private final IdentityService identity;

	private final ApiKeys apiKeys;

	private final LoginThrottle throttle;

	private final Duration failureTime;

	private final Map<String, Login> remembered = new ConcurrentHashMap<>();

	private final EngineWork engine;

	AccountCheck(IdentityService identity, EngineWork engine, ApiKeys apiKeys, LoginThrottle throttle, SecurityProperties properties) {
		this.identity = identity;
		this.engine = engine;
		this.apiKeys = apiKeys;
		this.throttle = throttle;
		this.failureTime = properties.failedLoginTime();
	}

	/** A verified caller: who, with which groups and tenants, until when the verification holds. */
	record Login(String user, List<String> groups, List<String> tenants, long until) {
	}

	/** Credentials that do not verify. */
	static class Refused extends Exception {

		Refused() {
			super("Log in with a CivicLoop account (HTTP Basic) or an API key (Bearer)");
		}

	}

	/** Too many failures from this address: attempts are refused for {@code retryAfter}. */
	static class Throttled extends Refused {

		final Duration retryAfter;

		Throttled(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

	Login password(String user, String password, String address) throws Refused {
		String key = "password\u0000" + user + "\u0000" + ApiKeys.hash(password == null ? "" : password);
		Login known = remembered(key);
		if (known != null) {
			return known;
		}
		long started = System.nanoTime();
		refuseIfThrottled(address, user);
		boolean valid;
		try {
			valid = user != null && !user.isBlank() && password != null && !password.isEmpty() && identity.checkPassword(user, password);
		}
		catch (RuntimeException notAnAnswer) {
			throttle.notAFailure(address, user);
			throw notAnAnswer;
		}
		if (!valid) {
			throw failure(started);
		}
		throttle.succeeded(address, user);
		return remember(key, user);
	}

	Login apiKey(String secret, String address) throws Refused {
		String key = "key\u0000" + ApiKeys.hash(secret == null ? "" : secret);
		Login known = remembered(key);
		if (known != null) {
			return known;
		}
		long started = System.nanoTime();
		refuseIfThrottled(address, null);
		Optional<String> account;
		try {
			account = apiKeys.accountOf(secret);
		}
		catch (RuntimeException notAnAnswer) {
			throttle.notAFailure(address, null);
			throw notAnAnswer;
		}
		if (account.isEmpty()) {
			throw failure(started);
		}
		throttle.notAFailure(address, null);
		return remember(key, account.get());
	}

	/**
	 * The caller an {@code Authorization} header names: {@code Basic} with an account and password, or
	 * {@code Bearer} with an API key. A missing or malformed header is refused like wrong credentials.
	 */
	Login authorization(String header, String address) throws Refused {
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return apiKey(header.substring(7).strip(), address);
		}
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			throw new Refused();
		}
		String decoded;
		try {
			decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).strip()), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException notBase64) {
			throw new Refused();
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			throw new Refused();
		}
		return password(decoded.substring(0, colon), decoded.substring(colon + 1), address);
	}

	/** A credential found no longer valid (a password changed, a key revoked) is forgotten at once. */
	void forgetAll() {
		remembered.clear();
	}

	private Login remembered(String key) {
		Login login = remembered.get(key);
		return login != null && login.until() - System.nanoTime() > 0 ? login : null;
	}

	private Login remember(String key, String user) {
		if (remembered.size() > MAX_REMEMBERED) {
			remembered.clear();
		}
		Login login = new Login(user, engine.groupsOf(user), engine.tenantsOf(user),
				System.nanoTime() + REMEMBER.toNanos());
		remembered.put(key, login);
		return login;
	}

	/** Counts the attempt (as a failure until it succeeds), or refuses it when there have been too many. */
	private void refuseIfThrottled(String address, String user) throws Throttled {
		Duration wait = throttle.attempt(address, user);
		if (!wait.isZero()) {
			throw new Throttled(wait);
		}
	}

	/** A failure (already counted) takes the same time as every other. */
	private Refused failure(long started) {
		waitOut(failureTime, started);
		return new Refused();
	}

	/** Waits until {@code duration} has passed since {@code started} (a {@link System#nanoTime()}). */
	static void waitOut(Duration duration, long started) {
		long left = duration.toNanos() - (System.nanoTime() - started);
		if (left > 0) {
			try {
				Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
