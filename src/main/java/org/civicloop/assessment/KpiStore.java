package org.civicloop.assessment;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read model's tables: {@code kpi_matter}, one row per matter, and {@code kpi_day}, the per-day roll-ups.
 * Roll-up counts are added, never set: on PostgreSQL with {@code insert ... on conflict}, so two transactions
 * that add to a new row at once both count; on H2 with {@code merge}.
 */
@Repository
class KpiStore {

	private static final String FACT_COLUMNS = "matter_id, category, unit_id, registered_at, lead_department, routed_at, sign_due, signed_at,"
			+ " signed_by, handle_due, handled_at, handled_by, handled_on_time, open_stage, open_due, return_count, rework_count, satisfaction,"
			+ " resolved, closed_at, sign_for_seconds, handle_seconds, loop_seconds";

	private static final String COUNTERS = Arrays.stream(Counter.values()).map(Counter::column).collect(Collectors.joining(", "));

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final String addCounts;

	KpiStore(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) throws SQLException {
		this.jdbc = jdbc;
		this.template = template;
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		String keys = "on_day, department, unit_id, category, cadre";
		String marks = String.join(", ", java.util.Collections.nCopies(5 + Counter.values().length, "?"));
		if (product.toLowerCase().contains("postgres")) {
			addCounts = "insert into kpi_day (" + keys + ", " + COUNTERS + ") values (" + marks + ") on conflict (" + keys + ") do update set "
					+ Arrays.stream(Counter.values()).map(c -> c.column() + " = kpi_day." + c.column() + " + excluded." + c.column())
						.collect(Collectors.joining(", "));
		}
		else {
			addCounts = "merge into kpi_day t using (select " + Arrays.stream(("on_day, department, unit_id, category, cadre, " + COUNTERS).split(", "))
				.map(column -> "cast(? as " + (column.equals("on_day") ? "date" : Arrays.stream(Counter.values()).anyMatch(c -> c.column().equals(column))
						? "bigint" : "varchar(64)") + ") " + column)
				.collect(Collectors.joining(", ")) + ") s on (t.on_day = s.on_day and t.department = s.department and t.unit_id = s.unit_id"
					+ " and t.category = s.category and t.cadre = s.cadre)"
					+ " when matched then update set " + Arrays.stream(Counter.values()).map(c -> c.column() + " = t." + c.column() + " + s." + c.column())
						.collect(Collectors.joining(", "))
					+ " when not matched then insert (" + keys + ", " + COUNTERS + ") values (s.on_day, s.department, s.unit_id, s.category, s.cadre, "
					+ Arrays.stream(Counter.values()).map(c -> "s." + c.column()).collect(Collectors.joining(", ")) + ")";
		}
	}

	/** A new matter's fact, from its record. */
	void insertFact(Fact fact) {
		saveFacts(List.of(fact), true);
	}

	Fact fact(long matterId) {
		return jdbc.sql("select " + FACT_COLUMNS + " from kpi_matter where matter_id = :id").param("id", matterId)
			.query((rs, row) -> fact(rs)).optional().orElse(null);
	}

	void updateFact(Fact fact) {
		saveFacts(List.of(fact), false);
	}

	/** Inserts or updates facts in one batch. */
	void saveFacts(Collection<Fact> facts, boolean insert) {
		String sql = insert
				? "insert into kpi_matter (" + FACT_COLUMNS + ") values (" + String.join(", ", java.util.Collections.nCopies(23, "?")) + ")"
				: "update kpi_matter set " + Arrays.stream(FACT_COLUMNS.split(", ")).skip(1).map(column -> column + " = ?")
					.collect(Collectors.joining(", ")) + " where matter_id = ?";
		template.batchUpdate(sql, facts, 1000, (statement, fact) -> bind(statement, fact, insert));
	}

	private static void bind(PreparedStatement statement, Fact fact, boolean insert) throws SQLException {
		int i = 1;
		if (insert) {
			statement.setLong(i++, fact.matterId);
		}
		statement.setString(i++, fact.category);
		statement.setString(i++, fact.unitId);
		statement.setTimestamp(i++, timestamp(fact.registeredAt));
		statement.setString(i++, fact.lead);
		statement.setTimestamp(i++, timestamp(fact.routedAt));
		statement.setTimestamp(i++, timestamp(fact.signDue));
		statement.setTimestamp(i++, timestamp(fact.signedAt));
		statement.setString(i++, fact.signedBy);
		statement.setTimestamp(i++, timestamp(fact.handleDue));
		statement.setTimestamp(i++, timestamp(fact.handledAt));
		statement.setString(i++, fact.handledBy);
		statement.setObject(i++, fact.handledOnTime, Types.BOOLEAN);
		statement.setString(i++, fact.openStage);
		statement.setTimestamp(i++, timestamp(fact.openDue));
		statement.setInt(i++, fact.returns);
		statement.setInt(i++, fact.reworks);
		statement.setString(i++, fact.satisfaction);
		statement.setObject(i++, fact.resolved, Types.BOOLEAN);
		statement.setTimestamp(i++, timestamp(fact.closedAt));
		statement.setObject(i++, fact.signForSeconds, Types.BIGINT);
		statement.setObject(i++, fact.handleSeconds, Types.BIGINT);
		statement.setObject(i++, fact.loopSeconds, Types.BIGINT);
		if (!insert) {
			statement.setLong(i, fact.matterId);
		}
	}

	private static Fact fact(ResultSet rs) throws SQLException {
		var fact = new Fact(rs.getLong("matter_id"), rs.getString("category"), rs.getString("unit_id"), instant(rs, "registered_at"));
		fact.lead = rs.getString("lead_department");
		fact.routedAt = instant(rs, "routed_at");
		fact.signDue = instant(rs, "sign_due");
		fact.signedAt = instant(rs, "signed_at");
		fact.signedBy = rs.getString("signed_by");
		fact.handleDue = instant(rs, "handle_due");
		fact.handledAt = instant(rs, "handled_at");
		fact.handledBy = rs.getString("handled_by");
		fact.handledOnTime = rs.getObject("handled_on_time", Boolean.class);
		fact.openStage = rs.getString("open_stage");
		fact.openDue = instant(rs, "open_due");
		fact.returns = rs.getInt("return_count");
		fact.reworks = rs.getInt("rework_count");
		fact.satisfaction = rs.getString("satisfaction");
		fact.resolved = rs.getObject("resolved", Boolean.class);
		fact.closedAt = instant(rs, "closed_at");
		fact.signForSeconds = rs.getObject("sign_for_seconds", Long.class);
		fact.handleSeconds = rs.getObject("handle_seconds", Long.class);
		fact.loopSeconds = rs.getObject("loop_seconds", Long.class);
		return fact;
	}

	/** Adds the tally's counts to the roll-ups, in key order. */
	void add(Tally tally) {
		List<Map.Entry<Tally.Key, long[]>> rows = new ArrayList<>(tally.counts().entrySet());
		template.batchUpdate(addCounts, rows, 1000, (statement, row) -> {
			var key = row.getKey();
			statement.setDate(1, Date.valueOf(key.day()));
			statement.setString(2, key.department());
			statement.setString(3, key.unitId());
			statement.setString(4, key.category());
			statement.setString(5, key.cadre());
			long[] counts = row.getValue();
			for (int c = 0; c < counts.length; c++) {
				statement.setLong(6 + c, counts[c]);
			}
		});
	}

	/** Empties the read model before a rebuild. */
	void clear() {
		jdbc.sql("delete from kpi_day").update();
		jdbc.sql("delete from kpi_matter").update();
	}

	private static Timestamp timestamp(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
