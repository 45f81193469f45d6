package org.civicloop.system;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean the database cannot be reached (answered 503, logged quietly), and which do not. */
class DatabaseFailuresUnitTests {

	@Test
	void aLostOrRefusedConnectionIsAnOutageHoweverDeepItLies() {
		assertThat(DatabaseFailures.outage(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001")))).isTrue();
		assertThat(DatabaseFailures.outage(new IllegalStateException("engine", new RuntimeException(new ConnectException("refused"))))).isTrue();
		assertThat(DatabaseFailures.outage(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))))
			.isTrue();
		var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
		assertThat(DatabaseFailures.outage(rollback)).as("a rollback that failed on its connection").isTrue();
	}

	@Test
	void theCallersOwnErrorsAndBugsAreNot() {
		assertThat(DatabaseFailures.outage(new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505")))).isFalse();
		assertThat(DatabaseFailures.outage(new IllegalArgumentException("bad input"))).isFalse();
		assertThat(DatabaseFailures.outage(new TransactionSystemException("Could not commit: the transaction was marked rollback-only"))).isFalse();
	}

}
