package org.civicloop.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.civicloop.matter.Categories;
import org.civicloop.matter.MatterProperties;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures for a period, read from the read model alone: counts from the per-day roll-ups, durations and
 * matters overdue now from the fact rows. Units roll up: a town's figures hold its villages', the county's all.
 */
@Service
class Assessment {

	private static final String SUMS = Arrays.stream(Counter.values()).map(c -> "sum(" + c.column() + ")").collect(Collectors.joining(", "));

	private final JdbcClient jdbc;

	private final Directory directory;

	private final Categories categories;

	private final KpiProperties properties;

	private final ZoneId zone;

	private final Clock clock;

	Assessment(JdbcClient jdbc, Directory directory, Categories categories, KpiProperties properties, MatterProperties matters, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.categories = categories;
		this.properties = properties;
		this.zone = matters.zone();
		this.clock = clock;
	}

	/** The figures per {@code dimension} from {@code from} to {@code to} (whole days, both included), within {@code scope}. */
	List<Figures> figures(Dimension dimension, LocalDate from, LocalDate to, Scope scope) {
		Map<String, long[]> counts = counts(dimension, from, to, scope);
		Map<String, Long> overdue = overdue(dimension, scope);
		Map<String, Figures.Durations[]> durations;
		if (dimension == Dimension.UNITS) {
			counts = rollUp(counts, scope, (a, b) -> {
				long[] sum = a.clone();
				for (int i = 0; i < sum.length; i++) {
					sum[i] += b[i];
				}
				return sum;
			});
			overdue = rollUp(overdue, scope, Long::sum);
			durations = unitDurations(from, to, scope);
		}
		else {
			durations = durations(dimension.signColumn, dimension.handleColumn, from, to, scope);
		}
		var figures = new ArrayList<Figures>();
		for (var row : counts.entrySet()) {
			figures.add(figures(row.getKey(), name(dimension, row.getKey()), row.getValue(), overdue.getOrDefault(row.getKey(), 0L),
					durations.getOrDefault(row.getKey(), none())));
		}
		for (var late : overdue.entrySet()) {
			if (!counts.containsKey(late.getKey())) {
				figures.add(figures(late.getKey(), name(dimension, late.getKey()), new long[Counter.values().length], late.getValue(),
						durations.getOrDefault(late.getKey(), none())));
			}
		}
		figures.sort(java.util.Comparator.comparing(Figures::key));
		return figures;
	}

	private Figures figures(String key, String name, long[] c, long overdueNow, Figures.Durations[] durations) {
		Double onTime = rate(c, Counter.CLOSED_ON_TIME, Counter.CLOSED);
		Double response = rate(c, Counter.RESPONDED_ON_TIME, Counter.RESPONDED);
		Double resolution = rate(c, Counter.RESOLVED, Counter.JUDGED);
		Double satisfaction = c[Counter.JUDGED.ordinal()] == 0 ? null
				: (c[Counter.SATISFIED.ordinal()] + properties.basicallySatisfied() * c[Counter.BASICALLY_SATISFIED.ordinal()])
						/ c[Counter.JUDGED.ordinal()];
		var weights = properties.weights();
		double weighed = 0;
		double weight = 0;
		double[][] parts = { { weights.response(), response == null ? -1 : response }, { weights.onTime(), onTime == null ? -1 : onTime },
				{ weights.resolution(), resolution == null ? -1 : resolution }, { weights.satisfaction(), satisfaction == null ? -1 : satisfaction } };
		for (double[] part : parts) {
			if (part[1] >= 0) {
				weighed += part[0] * part[1];
				weight += part[0];
			}
		}
		long received = c[Counter.RECEIVED.ordinal()];
		return new Figures(key, name, received, c[Counter.SIGNED_ON_TIME.ordinal()], c[Counter.RETURNED.ordinal()],
				c[Counter.REDISPATCHED.ordinal()], c[Counter.CLOSED.ordinal()], c[Counter.CLOSED_ON_TIME.ordinal()], overdueNow,
				c[Counter.WARNED.ordinal()], c[Counter.URGED.ordinal()], c[Counter.SUPERVISED.ordinal()], c[Counter.EXTENDED.ordinal()],
				c[Counter.REWORKED.ordinal()], durations[0], durations[1], durations[2], onTime,
				received == 0 ? null : round((double) c[Counter.RETURNED.ordinal()] / received), rate(c, Counter.CLOSED_REWORKED, Counter.CLOSED),
				response, resolution, satisfaction == null ? null : round(satisfaction), weight == 0 ? null : round(100 * weighed / weight));
	}

	private static Double rate(long[] counts, Counter part, Counter whole) {
		long of = counts[whole.ordinal()];
		return of == 0 ? null : round((double) counts[part.ordinal()] / of);
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/**
	 * Roll-up counts per key. For departments, units and categories "received" is as the roll-ups hold it; for
	 * units and categories it is the matters entering the loop, for cadres the sign-fors they answered.
	 */
	private Map<String, long[]> counts(Dimension dimension, LocalDate from, LocalDate to, Scope scope) {
		var counts = new LinkedHashMap<String, long[]>();
		jdbc.sql("select " + dimension.dayColumn + " as k, " + SUMS + " from kpi_day where on_day between :from and :to and "
				+ scope.condition("department") + (dimension == Dimension.CADRES ? " and cadre <> ''" : "")
				+ (dimension == Dimension.DEPARTMENTS ? " and department <> ''" : "") + " group by " + dimension.dayColumn)
			.param("from", java.sql.Date.valueOf(from)).param("to", java.sql.Date.valueOf(to))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				long[] row = new long[Counter.values().length];
				for (int i = 0; i < row.length; i++) {
					row[i] = rs.getLong(2 + i);
				}
				if (dimension == Dimension.UNITS || dimension == Dimension.CATEGORIES) {
					row[Counter.RECEIVED.ordinal()] = row[Counter.REGISTERED.ordinal()];
				}
				else if (dimension == Dimension.CADRES) {
					row[Counter.RECEIVED.ordinal()] = row[Counter.RESPONDED.ordinal()];
				}
				counts.put(rs.getString("k"), row);
			});
		return counts;
	}

	/** Open matters whose sign-for or handling limit has passed, per key. */
	private Map<String, Long> overdue(Dimension dimension, Scope scope) {
		var overdue = new HashMap<String, Long>();
		jdbc.sql("select " + dimension.signColumn + " as k, count(*) as n from kpi_matter where closed_at is null and open_due < :now and "
				+ scope.condition("lead_department") + " and " + dimension.signColumn + " is not null group by " + dimension.signColumn)
			.param("now", Timestamp.from(clock.instant()))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				overdue.put(rs.getString("k"), rs.getLong("n"));
			});
		return overdue;
	}

	/** Sign-for, handling and whole-loop durations per key: sign-fors of the period, and matters closed in it. */
	private Map<String, Figures.Durations[]> durations(String signGroup, String handleGroup, LocalDate from, LocalDate to, Scope scope) {
		var durations = new HashMap<String, Figures.Durations[]>();
		var start = Timestamp.from(from.atStartOfDay(zone).toInstant());
		var end = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
		jdbc.sql("select " + signGroup + " as k, percentile_cont(0.5) within group (order by sign_for_seconds) as p50,"
				+ " percentile_cont(0.9) within group (order by sign_for_seconds) as p90 from kpi_matter where signed_at >= :start and signed_at < :end and "
				+ scope.condition("lead_department") + groupBy(signGroup))
			.param("start", start).param("end", end)
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				durations.computeIfAbsent(rs.getString("k"), none -> none())[0] = hours(rs);
			});
		jdbc.sql("select " + handleGroup + " as k, percentile_cont(0.5) within group (order by handle_seconds) as p50,"
				+ " percentile_cont(0.9) within group (order by handle_seconds) as p90,"
				+ " percentile_cont(0.5) within group (order by loop_seconds) as l50,"
				+ " percentile_cont(0.9) within group (order by loop_seconds) as l90 from kpi_matter where closed_at >= :start and closed_at < :end and "
				+ scope.condition("lead_department") + groupBy(handleGroup))
			.param("start", start).param("end", end)
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				var each = durations.computeIfAbsent(rs.getString("k"), none -> none());
				each[1] = hours(rs);
				each[2] = new Figures.Durations(hours(rs.getObject("l50")), hours(rs.getObject("l90")));
			});
		return durations;
	}

	/** No grouping for a constant (the county's id): PostgreSQL groups by columns and expressions only. */
	private static String groupBy(String expression) {
		return expression.startsWith("'") ? "" : " group by " + expression;
	}

	/** Durations per unit: a village's own, a town's over itself and its villages, the county's over all. */
	private Map<String, Figures.Durations[]> unitDurations(LocalDate from, LocalDate to, Scope scope) {
		var durations = new HashMap<>(durations("unit_id", "unit_id", from, to, scope));
		var towns = new StringBuilder("case unit_id");
		for (Unit unit : directory.units()) {
			if (unit.townId() != null) {
				towns.append(" when '").append(unit.id().replace("'", "''")).append("' then '").append(unit.townId().replace("'", "''")).append("'");
			}
		}
		towns.append(" else null end");
		durations("(" + towns + ")", "(" + towns + ")", from, to, scope).forEach((town, each) -> {
			if (town != null) {
				durations.put(town, each);
			}
		});
		String county = directory.county().id().replace("'", "''");
		durations("'" + county + "'", "'" + county + "'", from, to, scope).forEach(durations::put);
		return durations;
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

	private static Figures.Durations[] none() {
		return new Figures.Durations[] { Figures.Durations.NONE, Figures.Durations.NONE, Figures.Durations.NONE };
	}

	private static Figures.Durations hours(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Figures.Durations(hours(rs.getObject("p50")), hours(rs.getObject("p90")));
	}

	private static Double hours(Object seconds) {
		return seconds == null ? null : Math.round(((Number) seconds).doubleValue() / 36.0) / 100.0;
	}

}
