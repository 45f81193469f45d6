package org.civicloop.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Rows and bytes of every table of the database (CivicLoop's and the engine's), with their indexes. On
 * PostgreSQL the tables are compacted first ({@code VACUUM FULL}), so bytes are what the rows occupy, not
 * space freed by deleted rows; H2 gives rows only.
 */
final class Storage {

	record Table(long rows, long bytes) {
	}

	private final DataSource data;

	private final boolean postgres;

	Storage(DataSource data, boolean postgres) {
		this.data = data;
		this.postgres = postgres;
	}

	/**
	 * Every table's rows and bytes; on PostgreSQL compacted first, all tables ({@code everything}) or all but
	 * the engine's runtime tables ({@code act_ru_*}): those are empty while no matter is open, and compacting
	 * them then would leave the planner the statistics of empty tables for the load that follows — it would
	 * scan them whole, slower with every deleted row, instead of using their indexes.
	 */
	Map<String, Table> measure(boolean everything) throws SQLException {
		var tables = new TreeMap<String, Table>();
		try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			var names = new ArrayList<String>();
			try (ResultSet rs = statement.executeQuery(postgres
					? "select tablename from pg_tables where schemaname = current_schema()"
					: "select table_name from information_schema.tables where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'")) {
				while (rs.next()) {
					names.add(rs.getString(1));
				}
			}
			for (String name : names) {
				if (postgres && (everything || !name.toLowerCase().startsWith("act_ru_"))) {
					statement.execute("vacuum full analyze \"" + name + "\"");
				}
				long rows = single(statement, "select count(*) from \"" + name + "\"");
				long bytes = postgres ? single(statement, "select pg_total_relation_size('\"" + name + "\"')") : 0;
				tables.put(name.toLowerCase(), new Table(rows, bytes));
			}
		}
		return tables;
	}

	long closedMatters() throws SQLException {
		try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
			return single(statement, "select count(*) from matter where closed_at is not null");
		}
	}

	/** Rows and bytes added per closed matter, by table, largest first; tables that did not grow left out. */
	void report(Map<String, Table> before, Map<String, Table> after, long closed) {
		record Growth(String table, double rows, double bytes) {
		}
		List<Growth> growth = new ArrayList<>();
		after.forEach((name, now) -> {
			Table was = before.getOrDefault(name, new Table(0, 0));
			double rows = (now.rows() - was.rows()) / (double) closed;
			double bytes = (now.bytes() - was.bytes()) / (double) closed;
			if (rows != 0 || bytes > 0) {
				growth.add(new Growth(name, rows, bytes));
			}
		});
		growth.sort(Comparator.comparingDouble(Growth::bytes).thenComparingDouble(Growth::rows).reversed());
		System.out.printf("%ndatabase cost per closed matter (%d matters closed)%s:%n", closed,
				postgres ? ", tables with indexes after VACUUM FULL" : ", rows only on H2");
		growth.forEach(g -> System.out.printf("  %-34s %6.1f rows  %8.1f KB%n", g.table(), g.rows(), g.bytes() / 1024));
		System.out.printf("  %-34s %6.1f rows  %8.1f KB%n", "total", growth.stream().mapToDouble(Growth::rows).sum(),
				growth.stream().mapToDouble(Growth::bytes).sum() / 1024);
	}

	private static long single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
