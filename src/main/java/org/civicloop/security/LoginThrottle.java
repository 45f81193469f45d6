package org.civicloop.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Failed logins counted per address and per address and account, on every entrance: past the limit in a
 * window, further attempts from there are refused (429) until the window ends, without reaching the account.
 * A stranger can so lock out only themselves, not the account they try. A success clears the count of its
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
	 * How long attempts from this address (for this account) are refused; zero when they are not.
	 * @param account the account tried, or {@code null} when it is not known (an API key)
	 */
	Duration refusedFor(String address, String account) {
		long now = System.nanoTime();
		long wait = Math.max(wait(address, perAddress, now), account == null ? 0 : wait(address + "\u0000" + account, perAccount, now));
		return Duration.ofNanos(wait);
	}

	void failed(String address, String account) {
		long now = System.nanoTime();
		count(address, now);
		if (account != null) {
			count(address + "\u0000" + account, now);
		}
		if (counts.size() > 100_000) {
			counts.entrySet().removeIf(entry -> now - entry.getValue().since() > window);
		}
	}

	void succeeded(String address, String account) {
		if (account != null) {
			counts.remove(address + "\u0000" + account);
		}
	}

	private void count(String key, long now) {
		counts.merge(key, new Count(1, now), (old, one) -> now - old.since() > window ? one : new Count(old.failures() + 1, old.since()));
	}

	private long wait(String key, int limit, long now) {
		Count count = counts.get(key);
		if (count == null || count.failures() < limit || now - count.since() > window) {
			return 0;
		}
		return window - (now - count.since());
	}

}
