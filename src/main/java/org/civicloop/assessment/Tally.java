package org.civicloop.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Roll-up counts gathered before they are written: per day (in the county's zone), department, unit, category
 * and cadre ({@code ""} where no cadre acted). Kept in key order, so every transaction writes its rows in the
 * same order and two transactions never wait on each other crosswise.
 */
final class Tally implements Fact.Tally {

	private static final Comparator<Key> ORDER = Comparator.comparing(Key::day).thenComparing(Key::department)
		.thenComparing(Key::unitId).thenComparing(Key::category).thenComparing(Key::cadre);

	private final Map<Key, long[]> counts = new TreeMap<>(ORDER);

	private final ZoneId zone;

	Tally(ZoneId zone) {
		this.zone = zone;
	}

	@Override
	public void add(Fact fact, Instant at, String department, String cadre, Counter counter) {
		var key = new Key(LocalDate.ofInstant(at, zone), department == null ? "" : department, fact.unitId, fact.category,
				cadre == null ? "" : cadre);
		counts.computeIfAbsent(key, any -> new long[Counter.values().length])[counter.ordinal()]++;
	}

	Map<Key, long[]> counts() {
		return counts;
	}

	boolean isEmpty() {
		return counts.isEmpty();
	}

	void clear() {
		counts.clear();
	}

	/** A row of {@code kpi_day}. */
	record Key(LocalDate day, String department, String unitId, String category, String cadre) {
	}

}
