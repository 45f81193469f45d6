package org.civicloop.security;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that failed because the database could not be reached — down, restarting, or no connection free
 * within the pool's wait — is answered 503 with {@code Retry-After}, as problem details, and may be sent again:
 * where the connection broke while committing, the first attempt may have been taken, which a retry with the
 * same {@code Idempotency-Key} finds. Everything else passes through untouched.
 */
class DatabaseOutage extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

	static final int RETRY_AFTER_SECONDS = 5;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException failure) {
			if (!explains(failure) || response.isCommitted()) {
				throw failure;
			}
			log.warn("{} {} refused with 503: the database cannot be reached ({})", request.getMethod(), request.getRequestURI(),
					rootOf(failure).getClass().getSimpleName());
			response.resetBuffer();
			response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
			Problems.write(response, 503, "Service Unavailable", "The database cannot be reached just now. Send the request again in a "
					+ "few seconds (with the same Idempotency-Key where it had one)");
		}
	}

	/** Whether the failure comes from not reaching the database: no connection, or the connection lost. */
	static boolean explains(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientConnectionException
					|| cause instanceof ConnectException) {
				return true;
			}
			// a commit or rollback that failed on the connection itself; a failed rollback hides the failure before it
			if (cause instanceof TransactionSystemException ending && (ending.getCause() instanceof SQLException
					|| (ending.getApplicationException() != null && explains(ending.getApplicationException())))) {
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

	private static Throwable rootOf(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
