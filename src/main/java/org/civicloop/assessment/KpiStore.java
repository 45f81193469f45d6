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
 * The read model's tables: {@code kpi_matter}, one row per matter, and the roll-ups {@code kpi_day},
 * {@code kpi_month} and {@code kpi_cadre_day}.
 * Roll-up counts are added, never set: on PostgreSQL with {@code insert ... on conflict}, so two transactions
 * that add to a new row at once both count; on H2 with {@code merge}.
 */
@Repository
class KpiStore {

	private static final String FACT_COLUMNS = "matter_id, category, unit_id, registered_at, lead_department, routed_at, sign_due, signed_at,"
			+ " signed_by, handle_due, handled_at, handled_by, handled_on_time, open_stage, open_due, return_count, rework_count, satisfaction,"
			+ " resolved, closed_at, sign_for_seconds, handle_seconds, loop_seconds";

	private static final String COUNTERS = String.join(", ", Measure.COLUMNS);

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final java.util.Map<Tally.Rollup, String> addCounts = new java.util.EnumMap<>(Tally.Rollup.class);

	KpiStore(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) throws SQLException {
		this.jdbc = jdbc;
		this.template = template;
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		boolean postgres = product.toLowerCase().contains("postgres");
		for (Tally.Rollup rollup : Tally.Rollup.values()) {
			addCounts.put(rollup, postgres ? upsert(rollup) : merge(rollup));
		}
	}

	/** PostgreSQL: an insert that adds to the row when it exists, also when another transaction inserted it a moment ago. */
	private static String upsert(Tally.Rollup rollup) {
		String keys = rollup.period + ", " + rollup.keys;
		return "insert into " + rollup.table + " (" + keys + ", " + COUNTERS + ") values ("
				+ String.join(", ", java.util.Collections.nCopies(4 + Measure.COLUMNS.size(), "?")) + ") on conflict (" + keys + ") do update set "
				+ Measure.COLUMNS.stream().map(c -> c + " = " + rollup.table + "." + c + " + excluded." + c).collect(Collectors.joining(", "));
	}

	/** H2 (one node, development and tests): the standard merge. */
	private static String merge(Tally.Rollup rollup) {
		var keys = new ArrayList<String>(List.of(rollup.period));
		keys.addAll(List.of(rollup.keys.split(", ")));
		String source = keys.stream().map(key -> "cast(? as " + (key.equals(rollup.period) ? "date" : "varchar(64)") + ") " + key)
			.collect(Collectors.joining(", ")) + ", "
				+ Measure.COLUMNS.stream().map(c -> "cast(? as bigint) " + c).collect(Collectors.joining(", "));
		return "merge into " + rollup.table + " t using (select " + source + ") s on ("
				+ keys.stream().map(key -> "t." + key + " = s." + key).collect(Collectors.joining(" and ")) + ")"
				+ " when matched then update set " + Measure.COLUMNS.stream().map(c -> c + " = t." + c + " + s." + c).collect(Collectors.joining(", "))
				+ " when not matched then insert (" + String.join(", ", keys) + ", " + COUNTERS + ") values ("
				+ keys.stream().map(key -> "s." + key).collect(Collectors.joining(", ")) + ", "
				+ Measure.COLUMNS.stream().map(c -> "s." + c).collect(Collectors.joining(", ")) + ")";
	}

	/** A new matter's fact, from its record. */
	Fact fact(long matterId) {
		return jdbc.sql("select " + FACT_COLUMNS + " from kpi_matter where matter_id = :id").param("id", matterId)
			.query((rs, row) -> fact(rs)).optional().orElse(null);
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

	/** Adds the tally's counts to the roll-ups, table by table, each in key order. */
	void add(Tally tally) {
		write(tally, addCounts);
	}

	/** Writes the tally's rows into empty roll-ups (a rebuild): plain inserts. */
	void insert(Tally tally) {
		var inserts = new java.util.EnumMap<Tally.Rollup, String>(Tally.Rollup.class);
		for (Tally.Rollup rollup : Tally.Rollup.values()) {
			inserts.put(rollup, "insert into " + rollup.table + " (" + rollup.period + ", " + rollup.keys + ", " + COUNTERS + ") values ("
					+ String.join(", ", java.util.Collections.nCopies(4 + Measure.COLUMNS.size(), "?")) + ")");
		}
		write(tally, inserts);
	}

	private void write(Tally tally, Map<Tally.Rollup, String> statements) {
		for (Tally.Rollup rollup : Tally.Rollup.values()) {
			List<Map.Entry<Tally.Key, long[]>> rows = new ArrayList<>(tally.counts(rollup).entrySet());
			template.batchUpdate(statements.get(rollup), rows, 1000, (statement, row) -> {
				statement.setDate(1, Date.valueOf(row.getKey().period()));
				String[] keys = row.getKey().values(rollup);
				for (int k = 0; k < keys.length; k++) {
					statement.setString(2 + k, keys[k]);
				}
				long[] counts = row.getValue();
				for (int c = 0; c < counts.length; c++) {
					statement.setLong(2 + keys.length + c, counts[c]);
				}
			});
		}
	}

	/** Empties the read model before a rebuild. */
	void clear() {
		for (Tally.Rollup rollup : Tally.Rollup.values()) {
			jdbc.sql("delete from " + rollup.table).update();
		}
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
