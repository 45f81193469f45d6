package org.civicloop.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Hotspot warnings as stored, and the counts they are raised from. */
@Repository
class Hotspots {

	/** A grid cell and category: matters in the window, and in the baseline before it. */
	record Count(String grid, String category, int recent, int before) {
	}

	record Alert(long id, String grid, String unit, String category, int windowDays, int matters, double baseline, double pValue,
			String leadDepartment, Instant raisedAt, String state, String acknowledgedBy, Instant acknowledgedAt, String closedBy,
			Instant closedAt, String actionNote) {
	}

	private final JdbcClient jdbc;

	Hotspots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Per grid cell and category with at least {@code atLeast} matters registered in [windowStart, now). */
	List<Count> counts(Instant baselineStart, Instant windowStart, Instant now, int atLeast) {
		return jdbc.sql("""
				select grid_code, category,
				       sum(case when registered_at >= :windowStart then 1 else 0 end) as recent, count(*) as total
				from matter
				where grid_code is not null and registered_at >= :baselineStart and registered_at < :now
				group by grid_code, category
				having sum(case when registered_at >= :windowStart then 1 else 0 end) >= :atLeast""")
			.param("baselineStart", Timestamp.from(baselineStart)).param("windowStart", Timestamp.from(windowStart))
			.param("now", Timestamp.from(now)).param("atLeast", atLeast)
			.query((row, number) -> new Count(row.getString(1), row.getString(2), row.getInt(3), row.getInt(4) - row.getInt(3)))
			.list();
	}

	/** The department that led the latest matter of the cell and category since a time. */
	Optional<String> latestLead(String grid, String category, Instant since) {
		return jdbc.sql("""
				select lead_department from matter where grid_code = :grid and category = :category and registered_at >= :since
				  and lead_department is not null order by registered_at desc limit 1""")
			.param("grid", grid).param("category", category).param("since", Timestamp.from(since)).query(String.class).optional();
	}

	/** Whether a warning for the cell and category is open, or was closed after {@code quietFrom}. */
	boolean warnedRecently(String grid, String category, Instant quietFrom) {
		return jdbc.sql("""
				select count(*) from hotspot_alert where grid_code = :grid and category = :category
				  and (closed_at is null or closed_at >= :quietFrom)""")
			.param("grid", grid).param("category", category).param("quietFrom", Timestamp.from(quietFrom)).query(Long.class).single() > 0;
	}

	/** Stores a warning; empty when one for the cell and category is open already (another node was first). */
	Optional<Long> raise(String grid, String unit, String category, int windowDays, int matters, double baseline, double pValue,
			String lead, Instant at) {
		var keys = new GeneratedKeyHolder();
		try {
			jdbc.sql("""
					insert into hotspot_alert (grid_code, unit_id, category, window_days, matters, baseline, p_value, lead_department,
					  raised_at, state, open_key)
					values (:grid, :unit, :category, :window, :matters, :baseline, :p, :lead, :at, 'open', :key)""")
				.param("grid", grid).param("unit", unit).param("category", category).param("window", windowDays)
				.param("matters", matters).param("baseline", baseline).param("p", pValue).param("lead", lead)
				.param("at", Timestamp.from(at)).param("key", grid + "|" + category)
				.update(keys, "id");
		}
		catch (DuplicateKeyException open) {
			return Optional.empty();
		}
		return Optional.of(keys.getKey().longValue());
	}

	/** Warnings, newest first, in some units or of some departments (both {@code null}: all); {@code state} null: not closed. */
	List<Alert> list(List<String> units, List<String> departments, String state) {
		var params = new HashMap<String, Object>();
		String where = state == null ? "state <> 'closed'" : "all".equals(state) ? "1 = 1" : "state = :state";
		params.put("state", state);
		if (units != null) {
			params.put("units", units.isEmpty() ? List.of("") : units);
			params.put("departments", departments.isEmpty() ? List.of("") : departments);
			where += " and (unit_id in (:units) or lead_department in (:departments))";
		}
		return jdbc.sql("select * from hotspot_alert where " + where + " order by raised_at desc, id desc limit 500")
			.params(params).query(Hotspots::alert).list();
	}

	Optional<Alert> byId(long id) {
		return jdbc.sql("select * from hotspot_alert where id = :id").param("id", id).query(Hotspots::alert).optional();
	}

	/** Acknowledged: someone looks into it. False when it is not open any more. */
	boolean acknowledge(long id, String by, Instant at, String note) {
		return jdbc.sql("""
				update hotspot_alert set state = 'acknowledged', acknowledged_by = :by, acknowledged_at = :at,
				  action_note = coalesce(:note, action_note)
				where id = :id and state = 'open'""")
			.param("id", id).param("by", by).param("at", Timestamp.from(at)).param("note", note).update() == 1;
	}

	/** Closed with what was done; the cell and category may be warned again after the quiet time. False when closed already. */
	boolean close(long id, String by, Instant at, String note) {
		return jdbc.sql("""
				update hotspot_alert set state = 'closed', closed_by = :by, closed_at = :at, action_note = :note, open_key = null
				where id = :id and state <> 'closed'""")
			.param("id", id).param("by", by).param("at", Timestamp.from(at)).param("note", note).update() == 1;
	}

	private static Alert alert(ResultSet row, int number) throws SQLException {
		return new Alert(row.getLong("id"), row.getString("grid_code"), row.getString("unit_id"), row.getString("category"),
				row.getInt("window_days"), row.getInt("matters"), row.getDouble("baseline"), row.getDouble("p_value"),
				row.getString("lead_department"), instant(row, "raised_at"), row.getString("state"), row.getString("acknowledged_by"),
				instant(row, "acknowledged_at"), row.getString("closed_by"), instant(row, "closed_at"), row.getString("action_note"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp at = row.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
