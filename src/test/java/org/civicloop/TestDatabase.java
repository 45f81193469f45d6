package org.civicloop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Which database the tests run on, from the system property {@code civicloop.test.db}: {@code h2}
 * (default, in memory) or {@code postgres} (the database named by {@code CIVICLOOP_DB_URL}, default
 * {@code civicloop_test} on localhost, emptied once at the start of the run).
 *
 * <p>When PostgreSQL is asked for but not reachable, every test is skipped with a message saying so —
 * except in CI ({@code CI=true}), where that is a failure, not a skip.
 */
public class TestDatabase implements ActiveProfilesResolver, ExecutionCondition {

	static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/civicloop_test";

	private static volatile ConditionEvaluationResult postgres;

	public static boolean isPostgres() {
		return "postgres".equals(System.getProperty("civicloop.test.db", "h2"));
	}

	/** The test profile last, so that its settings win over the production defaults of the postgres profile. */
	@Override
	public String[] resolve(Class<?> testClass) {
		if (isPostgres()) {
			System.setProperty("CIVICLOOP_DB_URL", System.getenv().getOrDefault("CIVICLOOP_DB_URL", DEFAULT_URL));
			return new String[] { "postgres", "test" };
		}
		System.setProperty("CIVICLOOP_DB_URL", "jdbc:h2:mem:civicloop-test;DB_CLOSE_DELAY=-1");
		return new String[] { "test" };
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!isPostgres()) {
			return ConditionEvaluationResult.enabled("H2");
		}
		if (postgres == null) {
			synchronized (TestDatabase.class) {
				if (postgres == null) {
					postgres = preparePostgres();
				}
			}
		}
		return postgres;
	}

	private static ConditionEvaluationResult preparePostgres() {
		String url = freshPostgres(System.getenv().getOrDefault("CIVICLOOP_DB_URL", DEFAULT_URL));
		if (url == null) {
			return ConditionEvaluationResult.disabled("PostgreSQL run skipped: no database");
		}
		System.setProperty("CIVICLOOP_DB_URL", url);
		System.out.println("[civicloop] Tests run on PostgreSQL at " + url);
		return ConditionEvaluationResult.enabled("PostgreSQL at " + url);
	}

	/**
	 * A PostgreSQL database of this name (or URL), emptied, on the server of the test runs; {@code null} when
	 * none is reachable (a failure under CI, where PostgreSQL must be there).
	 */
	public static String freshPostgres(String name) {
		String base = System.getenv().getOrDefault("CIVICLOOP_DB_URL", DEFAULT_URL);
		String url = name.startsWith("jdbc:") ? name : base.substring(0, base.lastIndexOf('/') + 1) + name;
		String user = System.getenv().getOrDefault("CIVICLOOP_DB_USER", "postgres");
		String password = System.getenv().getOrDefault("CIVICLOOP_DB_PASSWORD", "");
		createIfMissing(url, user, password);
		try (Connection connection = DriverManager.getConnection(url, user, password);
				var statement = connection.createStatement()) {
			statement.execute("drop schema if exists public cascade");
			statement.execute("create schema public");
			return url;
		}
		catch (SQLException ex) {
			String message = "PostgreSQL run skipped: no database at " + url + " (" + ex.getMessage() + ")";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException("CI must run the PostgreSQL tests, but " + message, ex);
			}
			System.out.println("[civicloop] " + message);
			return null;
		}
	}

	/** Creates the test database through the server's maintenance database when it does not exist yet. */
	private static void createIfMissing(String url, String user, String password) {
		int slash = url.lastIndexOf('/');
		String name = url.substring(slash + 1).replaceAll("\\?.*$", "");
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres", user, password);
				var statement = connection.createStatement();
				var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
			if (!exists.next()) {
				statement.execute("create database " + name);
			}
		}
		catch (SQLException ex) {
			// unreachable server: the connection below reports it
		}
	}

}
