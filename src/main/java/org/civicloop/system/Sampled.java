package org.civicloop.system;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read at most once per {@code maxAge}, for the gauges operators scrape: however many gauges and scrapes
 * ask, the database is asked once per period.
 */
public final class Sampled<T> {

	private final Supplier<T> source;

	private final long maxAgeNanos;

	private T value;

	private long readAt;

	public Sampled(Duration maxAge, Supplier<T> source) {
		this.source = source;
		this.maxAgeNanos = maxAge.toNanos();
	}

	public synchronized T get() {
		long now = System.nanoTime();
		if (value == null || now - readAt > maxAgeNanos) {
			value = source.get();
			readAt = now;
		}
		return value;
	}

}
