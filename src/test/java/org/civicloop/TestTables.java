package org.civicloop;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** CivicLoop's own tables in an in-memory H2 database of their own, for unit tests of what writes them. */
public final class TestTables {

	private static int count;

	private TestTables() {
	}

	/** A fresh database with every migration applied. */
	public static JdbcClient fresh() {
		return JdbcClient.create(freshTemplate());
	}

	/** The same, for what writes batches. */
	public static synchronized NamedParameterJdbcTemplate freshTemplate() {
		var dataSource = new DriverManagerDataSource("jdbc:h2:mem:tables-" + (++count) + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).table("civicloop_schema_history").load().migrate();
		return new NamedParameterJdbcTemplate(dataSource);
	}

}
