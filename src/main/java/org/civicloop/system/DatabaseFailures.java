package org.civicloop.system;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells a database that cannot be reached from every other failure. */
public final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/** Whether the failure comes from not reaching the database: no connection, or the connection lost. */
	public static boolean outage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientConnectionException
					|| cause instanceof ConnectException) {
				return true;
			}
			// a commit or rollback that failed on the connection itself; a failed rollback hides the failure before it
			if (cause instanceof TransactionSystemException ending && (ending.getCause() instanceof SQLException
					|| (ending.getApplicationException() != null && outage(ending.getApplicationException())))) {
				return true;
			}
			// SQLSTATE class 08: connection exception; 57P01-57P03: the server shutting down or starting
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
		}
		return false;
	}

}
