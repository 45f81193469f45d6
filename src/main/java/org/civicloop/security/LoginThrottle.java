package org.civicloop.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Failed logins counted per address and per address and account, on every entrance: past the limit in a
 * window, further attempts from there are refused (429) until the window ends, without reaching the account.
 * A stranger can so lock out only themselves, not the account they try. Each attempt is counted before its
 * credentials are checked and taken back when it was no failure; a success also clears the count of its
 * address and account. Counted per node; with several nodes behind a proxy, each counts what reaches it.
 */
@Component
class LoginThrottle {

	private final int perAddress;

	private final int perAccount;

	private final long window;

	private final Map<String, Count> counts = new ConcurrentHashMap<>();

	LoginThrottle(SecurityProperties properties) {
		this.perAddress = properties.loginFailuresPerAddress();
		this.perAccount = properties.loginFailuresPerAccount();
		this.window = properties.loginWindow().toNanos();
	}

	private record Count(int failures, long since) {
	}

	/**
	 * Counts an attempt before its credentials are checked, as a failure until {@link #succeeded} or
	 * {@link #notAFailure} takes it back: attempts sent all at once are counted one by one and cannot all
	 * pass before the first failure is known. Past the limit nothing is counted and the wait is returned.
	 * @param account the account tried, or {@code null} when it is not known (an API key)
	 * @return how long attempts from this address (for this account) are refused; zero when this one may go on
	 */
	synchronized Duration attempt(String address, String account) {
		long now = System.nanoTime();
		long wait = Math.max(wait(address, perAddress, now), account == null ? 0 : wait(perAccount(address, account), perAccount, now));
		if (wait > 0) {
			return Duration.ofNanos(wait);
		}
		count(address, now);
		if (account != null) {
			count(perAccount(address, account), now);
		}
		if (counts.size() > 100_000) {
			counts.entrySet().removeIf(entry -> now - entry.getValue().since() > window);
		}
		return Duration.ZERO;
	}

	/** The attempt was no failed login (the credentials were right, or it failed for another reason). */
	synchronized void notAFailure(String address, String account) {
		uncount(address);
		if (account != null) {
			uncount(perAccount(address, account));
		}
	}

	/** The attempt logged in: it is taken back, and the account's failures from this address are forgotten. */
	synchronized void succeeded(String address, String account) {
		uncount(address);
		if (account != null) {
			counts.remove(perAccount(address, account));
		}
	}

	private static String perAccount(String address, String account) {
		return address + "\u0000" + account;
	}

	private void count(String key, long now) {
		counts.merge(key, new Count(1, now), (old, one) -> now - old.since() > window ? one : new Count(old.failures() + 1, old.since()));
	}

	private void uncount(String key) {
		counts.computeIfPresent(key, (k, old) -> old.failures() <= 1 ? null : new Count(old.failures() - 1, old.since()));
	}

	private long wait(String key, int limit, long now) {
		Count count = counts.get(key);
		if (count == null || count.failures() < limit || now - count.since() > window) {
			return 0;
		}
		return window - (now - count.since());
	}

}
