package org.civicloop;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Nodes of CivicLoop as plain JVMs on the local PostgreSQL, started, killed and restarted by
 * {@code docker/cluster.sh} — the packaged jar, as a county runs it, each node in a process of its own.
 */
public final class Cluster implements AutoCloseable {

	private static final String SCRIPT = "docker/cluster.sh";

	private final Path dir;

	private final String database;

	private final int firstPort;

	private final String arguments;

	private int nodes;

	/** A cluster on an emptied database {@code database}, its nodes on ports from {@code firstPort}, with {@code arguments}. */
	public Cluster(Path dir, String database, int firstPort, String arguments) throws Exception {
		this.dir = dir;
		this.database = database;
		this.firstPort = firstPort;
		this.arguments = arguments;
		Files.createDirectories(dir);
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
			admin.createStatement().execute("drop database if exists " + database + " with (force)");
			admin.createStatement().execute("create database " + database);
		}
	}

	/** Whether a cluster can run here: the packaged jar and PostgreSQL on 127.0.0.1:5432. */
	public static boolean possible() {
		File[] jars = new File("target").listFiles((folder, name) -> name.matches("civicloop-.*\\.jar"));
		if (jars == null || jars.length == 0) {
			return false;
		}
		try (Connection ignored = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
			return true;
		}
		catch (SQLException unreachable) {
			return false;
		}
	}

	public void start(int count) throws Exception {
		run("start", String.valueOf(count), String.valueOf(firstPort));
		nodes = count;
	}

	/** Node {@code node} (1-based) gone at once, as a crash. */
	public void kill(int node) throws Exception {
		run("kill", String.valueOf(node));
	}

	/** Node {@code node} started again on its port; returns when it is ready. */
	public void restart(int node) throws Exception {
		run("restart", String.valueOf(node));
	}

	public int port(int node) {
		return firstPort + node - 1;
	}

	public List<Integer> ports() {
		var ports = new ArrayList<Integer>();
		for (int node = 1; node <= nodes; node++) {
			ports.add(port(node));
		}
		return ports;
	}

	/** The process id of a node's JVM. */
	public long pid(int node) throws Exception {
		return Long.parseLong(Files.readString(dir.resolve("node" + node + ".pid")).strip());
	}

	/** A connection to the cluster's database. */
	public Connection database() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
	}

	@Override
	public void close() throws Exception {
		run("stop");
	}

	private void run(String... command) throws Exception {
		var line = new ArrayList<>(List.of(SCRIPT));
		line.addAll(List.of(command));
		var builder = new ProcessBuilder(line).redirectErrorStream(true);
		builder.environment().putAll(Map.of("CLUSTER_DIR", dir.toString(), "CLUSTER_ARGS", arguments,
				"CIVICLOOP_DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + database));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(SCRIPT + " " + String.join(" ", command) + " failed:\n" + output);
		}
	}

}
