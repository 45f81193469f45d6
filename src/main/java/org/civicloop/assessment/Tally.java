package org.civicloop.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Roll-up counts gathered before they are written, for each of the three roll-up tables: per day and per month
 * (in the county's zone) by department, unit and category, and per day by cadre, department and unit. Kept in
 * key order, so every transaction writes its rows in the same order and two never wait on each other crosswise.
 */
final class Tally implements Fact.Tally {

	private static final Comparator<Key> ORDER = Comparator.comparing(Key::period).thenComparing(Key::department)
		.thenComparing(Key::unitId).thenComparing(Key::category).thenComparing(Key::cadre);

	private final Map<Rollup, Map<Key, long[]>> counts = new EnumMap<>(Rollup.class);

	private final ZoneId zone;

	Tally(ZoneId zone) {
		this.zone = zone;
		for (Rollup rollup : Rollup.values()) {
			counts.put(rollup, new TreeMap<>(ORDER));
		}
	}

	@Override
	public void add(Fact fact, Instant at, String department, String cadre, Counter counter) {
		count(fact, at, department, cadre, counter.ordinal());
	}

	@Override
	public void add(Fact fact, Instant at, String department, String cadre, Measure measure, long seconds) {
		count(fact, at, department, cadre, measure.column(seconds));
	}

	/** Adds one to a column of the day's, the month's and (where a cadre acted) the cadre's row. */
	private void count(Fact fact, Instant at, String department, String cadre, int column) {
		LocalDate day = LocalDate.ofInstant(at, zone);
		String lead = department == null ? "" : department;
		count(Rollup.DAY, new Key(day, lead, fact.unitId, fact.category, ""), column);
		count(Rollup.MONTH, new Key(day.withDayOfMonth(1), lead, fact.unitId, fact.category, ""), column);
		if (cadre != null) {
			count(Rollup.CADRE_DAY, new Key(day, lead, fact.unitId, "", cadre), column);
		}
	}

	private void count(Rollup rollup, Key key, int column) {
		counts.get(rollup).computeIfAbsent(key, any -> new long[Measure.COLUMNS.size()])[column]++;
	}

	Map<Key, long[]> counts(Rollup rollup) {
		return counts.get(rollup);
	}

	void clear() {
		counts.values().forEach(Map::clear);
	}

	/** The roll-up tables, their period column and their key columns besides it. */
	enum Rollup {

		DAY("kpi_day", "on_day", "department, unit_id, category"),
		MONTH("kpi_month", "on_month", "department, unit_id, category"),
		CADRE_DAY("kpi_cadre_day", "on_day", "cadre, department, unit_id");

		final String table;

		final String period;

		final String keys;

		Rollup(String table, String period, String keys) {
			this.table = table;
			this.period = period;
			this.keys = keys;
		}

	}

	/** A roll-up row: its day (or the month's first day) and the names it is counted under ({@code ""} where a table has no such column). */
	record Key(LocalDate period, String department, String unitId, String category, String cadre) {

		/** The key's values in the order of {@link Rollup#keys}. */
		String[] values(Rollup rollup) {
			return rollup == Rollup.CADRE_DAY ? new String[] { cadre, department, unitId } : new String[] { department, unitId, category };
		}

	}

}
