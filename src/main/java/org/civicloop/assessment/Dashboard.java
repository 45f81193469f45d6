package org.civicloop.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.civicloop.matter.Categories;
import org.civicloop.matter.Labels;
import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.model.MatterHandling.Stages;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the dashboard shows, within the viewer's scope, read from the read model: today's intake and closures,
 * the open matters by stage with those overdue, the departments ranked by their composite score over the last
 * {@link #DAYS} days, the intake and closures of each of those days, the intake per category and unit — and
 * behind every figure its matters ({@link #matters}), counted by the same rule as the figure.
 */
@Service
class Dashboard {

	/** The days the ranking, the trend and the heat table cover, today included. */
	static final int DAYS = 30;

	/** The most matters a drill-down lists; its total counts them all. */
	static final int MOST_LISTED = 200;

	/** The stages in the loop's order; a unit's own step comes after them. */
	static final List<String> STAGE_ORDER = List.of(Stages.REGISTERED, Stages.ROUTED, Stages.SIGN_FOR, Stages.REDISPATCH,
			Stages.HANDLE, Stages.CO_HANDLE, Stages.EXTENSION, Stages.SUPERVISION, Stages.REVIEW, Stages.RETURN_VISIT, Stages.REWORK);

	private final JdbcClient jdbc;

	private final Assessment assessment;

	private final Directory directory;

	private final Categories categories;

	private final Clock clock;

	private final ZoneId zone;

	Dashboard(JdbcClient jdbc, Assessment assessment, Directory directory, Categories categories, MatterProperties matters, Clock clock) {
		this.jdbc = jdbc;
		this.assessment = assessment;
		this.directory = directory;
		this.categories = categories;
		this.clock = clock;
		this.zone = matters.zone();
	}

	/** The figures at {@code asOf}; days in {@code zone}, the organisation's. */
	record Overview(Instant asOf, String zone, LocalDate from, LocalDate to, Today today, List<StageCount> stages, List<Figures> ranking,
			List<Day> trend, Heat heat) {
	}

	/** Today's intake (matters entering the loop) and closures; the matters open and overdue at this moment. */
	record Today(long received, long closed, long open, long overdue) {
	}

	record StageCount(String stage, String name, long open, long overdue) {
	}

	record Day(LocalDate day, long received, long closed, long closedOnTime) {
	}

	/**
	 * Intake per category (rows) and unit (columns): each cell {@code [row, column, matters]}. A column of the
	 * county's view is a town with its villages ({@code under}) or the county's own matters; a town's view has a
	 * column per unit.
	 */
	record Heat(List<Line> categories, List<Line> units, List<long[]> cells) {
	}

	record Line(String key, String name, boolean under) {
	}

	Overview overview(Scope scope) {
		Instant now = clock.instant();
		LocalDate to = LocalDate.ofInstant(now, zone);
		LocalDate from = to.minusDays(DAYS - 1);
		List<Day> trend = trend(from, to, scope);
		List<StageCount> stages = stages(now, scope);
		Day today = trend.get(trend.size() - 1);
		var ranking = new ArrayList<>(assessment.figures(Dimension.DEPARTMENTS, from, to, scope));
		ranking.sort(Comparator.comparing(Figures::score, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(Figures::closed, Comparator.reverseOrder()));
		return new Overview(now, zone.getId(), from, to, new Today(today.received(), today.closed(), stages.stream().mapToLong(StageCount::open).sum(),
				stages.stream().mapToLong(StageCount::overdue).sum()), stages, ranking, trend, heat(from, to, scope));
	}

	private List<Day> trend(LocalDate from, LocalDate to, Scope scope) {
		var days = new TreeMap<LocalDate, Day>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			days.put(day, new Day(day, 0, 0, 0));
		}
		jdbc.sql("select on_day, sum(registered), sum(closed), sum(closed_on_time) from kpi_day where on_day between :from and :to and "
				+ scope.condition("department") + " group by on_day")
			.param("from", java.sql.Date.valueOf(from)).param("to", java.sql.Date.valueOf(to))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				LocalDate day = rs.getDate(1).toLocalDate();
				days.put(day, new Day(day, rs.getLong(2), rs.getLong(3), rs.getLong(4)));
			});
		return List.copyOf(days.values());
	}

	/** The matters open at {@code now} per stage, with those past their sign-for or handling limit, in the loop's order. */
	List<StageCount> stages(Instant now, Scope scope) {
		var counts = new TreeMap<String, StageCount>(Comparator.comparing((String stage) -> STAGE_ORDER.contains(stage)
				? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.size()).thenComparing(Comparator.naturalOrder()));
		jdbc.sql("select m.stage, count(*), sum(case when k.open_due < :now then 1 else 0 end) from kpi_matter k join matter m on m.id = k.matter_id"
				+ " where k.closed_at is null and " + scope.condition("k.lead_department", "k.unit_id") + " group by m.stage")
			.param("now", Timestamp.from(now))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				String stage = rs.getString(1);
				counts.put(stage, new StageCount(stage, Labels.stage(stage), rs.getLong(2), rs.getLong(3)));
			});
		return List.copyOf(counts.values());
	}

	private Heat heat(LocalDate from, LocalDate to, Scope scope) {
		var rows = new LinkedHashMap<String, Integer>();
		var columns = new LinkedHashMap<Line, Integer>();
		var cells = new LinkedHashMap<List<Integer>, Long>();
		jdbc.sql("select category, unit_id, sum(registered) as n from kpi_day where on_day between :from and :to and "
				+ scope.condition("department") + " group by category, unit_id having sum(registered) > 0 order by category, unit_id")
			.param("from", java.sql.Date.valueOf(from)).param("to", java.sql.Date.valueOf(to))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query(rs -> {
				Line column = column(rs.getString(2), scope);
				int row = rows.computeIfAbsent(rs.getString(1), any -> rows.size());
				int at = columns.computeIfAbsent(column, any -> columns.size());
				cells.merge(List.of(row, at), rs.getLong(3), Long::sum);
			});
		var cellList = new ArrayList<long[]>();
		cells.forEach((at, matters) -> cellList.add(new long[] { at.get(0), at.get(1), matters }));
		return new Heat(rows.keySet().stream().map(code -> new Line(code, categories.nameOf(code), false)).toList(),
				List.copyOf(columns.keySet()), cellList);
	}

	/**
	 * The heat table's column of a unit: its town (with the villages) in a county-wide view, the unit itself in a
	 * town's; a county's or town's own matters are its 本级.
	 */
	private Line column(String unitId, Scope scope) {
		Unit unit = directory.unit(unitId).orElse(null);
		if (unit == null) {
			return new Line(unitId, unitId, false);
		}
		if (!scope.units().isEmpty() || unit.level() == Unit.Level.COUNTY) {
			return new Line(unit.id(), unit.level() == Unit.Level.VILLAGE ? unit.name() : unit.name() + "本级", false);
		}
		Unit town = directory.unit(unit.townId()).orElseThrow();
		return new Line(town.id(), town.name(), true);
	}

	/** Which matters a figure counts: those that entered the loop, closed, are open or are overdue. */
	enum Figure {
		RECEIVED, CLOSED, OPEN, OVERDUE;

		static Figure named(String name) {
			for (Figure figure : values()) {
				if (figure.name().equalsIgnoreCase(name)) {
					return figure;
				}
			}
			return null;
		}
	}

	/** A drill-down: the matters behind a figure, narrowed by any of department, unit (with those under it), category and stage. */
	record Query(Figure figure, Period period, String department, String unit, boolean under, String category, String stage) {
	}

	/** One matter of a drill-down, as a line of a table: no citizen, no description. */
	record MatterLine(String trackingNo, String category, String unit, String department, String stage, Instant registeredAt,
			Instant due, Instant closedAt, boolean overdue, String satisfaction) {
	}

	record Matters(long total, List<MatterLine> matters) {
	}

	/**
	 * The matters behind a figure, by the figure's own rule: intake by the day a matter first entered the loop,
	 * closures by the day of closing, both with the department leading it now (as the closure was counted); open
	 * and overdue at this moment. Newest first; overdue ones by their limit, the longest overdue first.
	 */
	Matters matters(Query query, Scope scope) {
		Instant now = clock.instant();
		var where = new StringBuilder(" from kpi_matter k join matter m on m.id = k.matter_id where ")
			.append(scope.condition("k.lead_department", "k.unit_id"));
		var parameters = new LinkedHashMap<String, Object>();
		parameters.put("scopeDepartments", scope.departmentsParameter());
		parameters.put("scopeUnits", scope.unitsParameter());
		String order = switch (query.figure()) {
			case RECEIVED -> within(where, parameters, "k.routed_at", query.period());
			case CLOSED -> within(where, parameters, "k.closed_at", query.period());
			case OPEN -> {
				where.append(" and k.closed_at is null");
				yield "k.registered_at desc";
			}
			case OVERDUE -> {
				where.append(" and k.closed_at is null and k.open_due < :now");
				parameters.put("now", Timestamp.from(now));
				yield "k.open_due";
			}
		};
		narrow(where, parameters, "k.lead_department", "department", query.department());
		narrow(where, parameters, "k.category", "category", query.category());
		narrow(where, parameters, "m.stage", "stage", query.stage());
		if (query.unit() != null) {
			where.append(" and k.unit_id in (:units)");
			parameters.put("units", query.under() ? directory.unitsUnder(query.unit()).stream().map(Unit::id).toList() : List.of(query.unit()));
		}
		long total = jdbc.sql("select count(*)" + where).params(parameters).query(Long.class).single();
		List<MatterLine> lines = jdbc.sql("select m.tracking_no, k.category, k.unit_id, k.lead_department, m.stage, k.registered_at,"
				+ " k.open_due, k.closed_at, k.satisfaction" + where + " order by " + order + ", k.matter_id desc fetch first " + MOST_LISTED
				+ " rows only")
			.params(parameters)
			.query((rs, row) -> line(rs, now))
			.list();
		return new Matters(total, lines);
	}

	private String within(StringBuilder where, Map<String, Object> parameters, String column, Period period) {
		where.append(" and ").append(column).append(" >= :start and ").append(column).append(" < :end");
		parameters.put("start", Timestamp.from(period.from().atStartOfDay(zone).toInstant()));
		parameters.put("end", Timestamp.from(period.to().plusDays(1).atStartOfDay(zone).toInstant()));
		return column + " desc";
	}

	private static void narrow(StringBuilder where, Map<String, Object> parameters, String column, String name, String value) {
		if (value != null) {
			where.append(" and ").append(column).append(" = :").append(name);
			parameters.put(name, value);
		}
	}

	private MatterLine line(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
		Instant due = instant(rs.getTimestamp(7));
		Instant closed = instant(rs.getTimestamp(8));
		String department = rs.getString(4);
		return new MatterLine(rs.getString(1), categories.nameOf(rs.getString(2)),
				directory.unit(rs.getString(3)).map(Unit::name).orElse(rs.getString(3)),
				department == null ? null : directory.officeName(department), Labels.stage(rs.getString(5)), instant(rs.getTimestamp(6)), due,
				closed, closed == null && due != null && due.isBefore(now), Labels.satisfaction(rs.getString(9)));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
