package org.civicloop.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.civicloop.matter.Categories;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures for a period, read from the read model alone: counts and duration classes from the roll-ups (whole
 * months from the monthly ones), matters overdue now from the fact rows. Units roll up: a town's figures hold its villages', the county's all.
 */
@Service
class Assessment {

	private static final String SUMS = Measure.COLUMNS.stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "));

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Categories categories;

	private final KpiProperties properties;

	private final Clock clock;

	Assessment(JdbcClient jdbc, Directory directory, Categories categories, KpiProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.categories = categories;
		this.properties = properties;
		this.clock = clock;
	}

	/** The figures per {@code dimension} from {@code from} to {@code to} (whole days, both included), within {@code scope}. */
	List<Figures> figures(Dimension dimension, LocalDate from, LocalDate to, Scope scope) {
		Map<String, long[]> counts = counts(dimension, from, to, scope);
		Map<String, Long> overdue = overdue(dimension, scope);
		if (dimension == Dimension.UNITS) {
			counts = rollUp(counts, scope, (a, b) -> {
				long[] sum = a.clone();
				for (int i = 0; i < sum.length; i++) {
					sum[i] += b[i];
				}
				return sum;
			});
			overdue = rollUp(overdue, scope, Long::sum);
		}
		var figures = new ArrayList<Figures>();
		for (var row : counts.entrySet()) {
			figures.add(figures(row.getKey(), name(dimension, row.getKey()), row.getValue(), overdue.getOrDefault(row.getKey(), 0L)));
		}
		for (var late : overdue.entrySet()) {
			if (!counts.containsKey(late.getKey())) {
				figures.add(figures(late.getKey(), name(dimension, late.getKey()), new long[Measure.COLUMNS.size()], late.getValue()));
			}
		}
		figures.sort(java.util.Comparator.comparing(Figures::key));
		return figures;
	}

	private Figures figures(String key, String name, long[] c, long overdueNow) {
		Double onTime = rate(c, Counter.CLOSED_ON_TIME, Counter.CLOSED);
		Double response = rate(c, Counter.RESPONDED_ON_TIME, Counter.RESPONDED);
		Double resolution = rate(c, Counter.RESOLVED, Counter.JUDGED);
		Double satisfaction = c[Counter.JUDGED.ordinal()] == 0 ? null
				: (c[Counter.SATISFIED.ordinal()] + properties.basicallySatisfied() * c[Counter.BASICALLY_SATISFIED.ordinal()])
						/ c[Counter.JUDGED.ordinal()];
		var weights = properties.weights();
		Double score = composite(new Double[] { response, onTime, resolution, satisfaction },
				new double[] { weights.response(), weights.onTime(), weights.resolution(), weights.satisfaction() });
		long received = c[Counter.RECEIVED.ordinal()];
		return new Figures(key, name, received, c[Counter.SIGNED_ON_TIME.ordinal()], c[Counter.RETURNED.ordinal()],
				c[Counter.REDISPATCHED.ordinal()], c[Counter.CLOSED.ordinal()], c[Counter.CLOSED_ON_TIME.ordinal()], overdueNow,
				c[Counter.WARNED.ordinal()], c[Counter.URGED.ordinal()], c[Counter.SUPERVISED.ordinal()], c[Counter.EXTENDED.ordinal()],
				c[Counter.REWORKED.ordinal()], durations(c, Measure.SIGN_FOR), durations(c, Measure.HANDLING), durations(c, Measure.LOOP), onTime,
				received == 0 ? null : round((double) c[Counter.RETURNED.ordinal()] / received), rate(c, Counter.CLOSED_REWORKED, Counter.CLOSED),
				response, resolution, satisfaction == null ? null : round(satisfaction), score);
	}

	/** 100 × the weighted mean of the rates that are not null; null when none is. */
	private static Double composite(Double[] rates, double[] weights) {
		double weighed = 0;
		double weight = 0;
		for (int i = 0; i < rates.length; i++) {
			if (rates[i] != null) {
				weighed += weights[i] * rates[i];
				weight += weights[i];
			}
		}
		return weight == 0 ? null : round(100 * weighed / weight);
	}

	private static Double rate(long[] counts, Counter part, Counter whole) {
		long of = counts[whole.ordinal()];
		return of == 0 ? null : round((double) counts[part.ordinal()] / of);
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/**
	 * Roll-up counts per key: whole months of the period from {@code kpi_month}, the days around them from
	 * {@code kpi_day}, a cadre's from {@code kpi_cadre_day}. For departments "received" is as the roll-ups hold
	 * it; for units and categories it is the matters entering the loop, for cadres the sign-fors they answered.
	 */
	private Map<String, long[]> counts(Dimension dimension, LocalDate from, LocalDate to, Scope scope) {
		var counts = new LinkedHashMap<String, long[]>();
		if (dimension == Dimension.CADRES) {
			sum(counts, "kpi_cadre_day", "on_day", from, to, dimension, scope);
		}
		else {
			LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
			LocalDate afterMonths = to.plusDays(1).withDayOfMonth(1);
			if (firstMonth.isBefore(afterMonths)) {
				sum(counts, "kpi_month", "on_month", firstMonth, afterMonths.minusMonths(1), dimension, scope);
				sum(counts, "kpi_day", "on_day", from, firstMonth.minusDays(1), dimension, scope);
				sum(counts, "kpi_day", "on_day", afterMonths, to, dimension, scope);
			}
			else {
				sum(counts, "kpi_day", "on_day", from, to, dimension, scope);
			}
		}
		for (long[] row : counts.values()) {
			if (dimension == Dimension.UNITS || dimension == Dimension.CATEGORIES) {
				row[Counter.RECEIVED.ordinal()] = row[Counter.REGISTERED.ordinal()];
			}
			else if (dimension == Dimension.CADRES) {
				row[Counter.RECEIVED.ordinal()] = row[Counter.RESPONDED.ordinal()];
			}
		}
		return counts;
	}

	/** Adds the rows of one roll-up table from {@code from} to {@code to} (nothing when {@code to} is before {@code from}). */
	private void sum(Map<String, long[]> counts, String table, String period, LocalDate from, LocalDate to, Dimension dimension, Scope scope) {
		if (to.isBefore(from)) {
			return;
		}
		jdbc.sql("select " + dimension.rollupColumn + " as k, " + SUMS + " from " + table + " where " + period + " between :from and :to and "
				+ scope.condition("department") + (dimension == Dimension.DEPARTMENTS ? " and department <> ''" : "")
				+ " group by " + dimension.rollupColumn)
			.param("from", java.sql.Date.valueOf(from)).param("to", java.sql.Date.valueOf(to))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				long[] row = counts.computeIfAbsent(rs.getString("k"), any -> new long[Measure.COLUMNS.size()]);
				for (int i = 0; i < row.length; i++) {
					row[i] += rs.getLong(2 + i);
				}
			});
	}

	/** Open matters whose sign-for or handling limit has passed, per key. */
	private Map<String, Long> overdue(Dimension dimension, Scope scope) {
		var overdue = new HashMap<String, Long>();
		jdbc.sql("select " + dimension.overdueColumn + " as k, count(*) as n from kpi_matter where closed_at is null and open_due < :now and "
				+ scope.condition("lead_department") + " and " + dimension.overdueColumn + " is not null group by " + dimension.overdueColumn)
			.param("now", Timestamp.from(clock.instant()))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				overdue.put(rs.getString("k"), rs.getLong("n"));
			});
		return overdue;
	}

	/**
	 * Per unit in sight, the sum over it and every unit under it; units without anything are left out. A
	 * department sees every unit its matters lie in and the totals above them.
	 */
	private <T> Map<String, T> rollUp(Map<String, T> own, Scope scope, java.util.function.BinaryOperator<T> sum) {
		var rolled = new LinkedHashMap<String, T>();
		for (Unit unit : directory.units()) {
			if (!scope.everything() && !scope.units().isEmpty() && !scope.units().contains(unit.id())) {
				continue; // a town's or village's office sees its own units, not the totals above them
			}
			T total = null;
			for (Unit under : directory.unitsUnder(unit.id())) {
				T value = own.get(under.id());
				if (value != null) {
					total = total == null ? value : sum.apply(total, value);
				}
			}
			if (total != null) {
				rolled.put(unit.id(), total);
			}
		}
		return rolled;
	}

	private String name(Dimension dimension, String key) {
		return switch (dimension) {
			case DEPARTMENTS -> directory.officeName(key);
			case UNITS -> directory.unit(key).map(Unit::name).orElse(key);
			case CATEGORIES -> categories.nameOf(key);
			case CADRES -> directory.cadres().stream().filter(cadre -> cadre.id().equals(key)).map(Directory.Cadre::name).findFirst().orElse(key);
		};
	}

	private static Figures.Durations durations(long[] row, Measure measure) {
		return new Figures.Durations(measure.percentile(row, 0.5), measure.percentile(row, 0.9));
	}

}
