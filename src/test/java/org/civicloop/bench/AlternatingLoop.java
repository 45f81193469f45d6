package org.civicloop.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The whole loop over HTTP ({@link HttpLoop}) against two CivicLoop servers that run side by side, each in its own
 * JVM on its own PostgreSQL database ({@link BenchServer}, started by {@code bench/ab.sh}): this checkout and a
 * baseline. Both are warmed up, then driven in alternating rounds (A B, B A, A B, …), so that a drift of this
 * shared machine falls on both alike. Each round prints matters closed per second, the CPU time of the server
 * driven per closed matter ({@link DatabaseCpu#millisOf}), of it its JIT compiler threads' CPU time
 * ({@link DatabaseCpu#compilerMillisOf}), and the PostgreSQL server's ({@link DatabaseCpu}); the summary
 * gives each side's median and the ratio of the rounds of each pair.
 *
 * <p>Before the first pair and each one after, both databases are vacuumed and analysed ({@code VACUUM ANALYZE},
 * all but the engine's runtime tables, as {@code bench/loop.sh} does), as PostgreSQL's autovacuum does on its own in
 * production: this machine's server runs without it, and then the planner keeps the plans it chose for empty
 * tables and every update leaves its dead rows in the indexes, whatever the code under test does.
 *
 * <p>Arguments: matters per round, clients, warm-up rounds per side, pairs, then base URL, process id and
 * database (JDBC URL) of A and of B.
 */
public final class AlternatingLoop {

	record Server(String name, BenchHttp http, long pid, String database, HttpLoop loop) {
	}

	/** A round's figures; {@code jitMs} is {@code NaN} where the server's compiler threads cannot be read. */
	record Round(double perSecond, double serverMs, double jitMs, double databaseMs, int failed) {

		@Override
		public String toString() {
			return String.format("%6.1f closed/s  server CPU %3.0f ms per matter%s  PostgreSQL %3.0f ms per matter%s", perSecond, serverMs,
					Double.isNaN(jitMs) ? "" : String.format(" (JIT %.0f)", jitMs), databaseMs, failed == 0 ? "" : "  (" + failed + " failed)");
		}

	}

	private AlternatingLoop() {
	}

	public static void main(String[] args) throws Exception {
		int matters = Integer.parseInt(args[0]);
		int clients = Integer.parseInt(args[1]);
		int warmUps = Integer.parseInt(args[2]);
		int pairs = Integer.parseInt(args[3]);
		// each server its own reporters' phones: no matter is taken for a repeat of another
		var a = new Server("A", new BenchHttp(args[4]), Long.parseLong(args[5]), args[6], new HttpLoop(new AtomicLong(13_100_000_000L)));
		var b = new Server("B", new BenchHttp(args[7]), Long.parseLong(args[8]), args[9], new HttpLoop(new AtomicLong(13_900_000_000L)));
		for (int warmUp = 1; warmUp <= warmUps; warmUp++) {
			for (Server server : List.of(a, b)) {
				System.out.printf("warm-up %d %s %s%n", warmUp, server.name(), run(server, matters, clients));
			}
		}
		var rounds = new LinkedHashMap<String, List<Round>>();
		rounds.put("A", new ArrayList<>());
		rounds.put("B", new ArrayList<>());
		var ratios = new ArrayList<Double>();
		for (int pair = 1; pair <= pairs; pair++) {
			vacuumed(a);
			vacuumed(b);
			Map<String, Round> ofPair = new LinkedHashMap<>();
			for (Server server : pair % 2 == 1 ? List.of(a, b) : List.of(b, a)) {
				Round round = run(server, matters, clients);
				System.out.printf("pair %d %s %s%n", pair, server.name(), round);
				ofPair.put(server.name(), round);
				rounds.get(server.name()).add(round);
			}
			ratios.add(ofPair.get("A").perSecond() / ofPair.get("B").perSecond());
		}
		System.out.println();
		for (var side : rounds.entrySet()) {
			var list = side.getValue();
			double jit = median(list.stream().map(Round::jitMs).toList());
			System.out.printf("%s median %.1f closed/s, server CPU %.0f ms%s, PostgreSQL %.0f ms per matter%n", side.getKey(),
					median(list.stream().map(Round::perSecond).toList()), median(list.stream().map(Round::serverMs).toList()),
					Double.isNaN(jit) ? "" : String.format(" (JIT %.0f)", jit), median(list.stream().map(Round::databaseMs).toList()));
		}
		System.out.printf("A/B over HTTP: median of the pairs %.2f (pairs: %s)%n", median(ratios),
				String.join(", ", ratios.stream().map(ratio -> String.format("%.2f", ratio)).toList()));
	}

	private static Round run(Server server, int count, int clients) throws Exception {
		Map<String, Histogram> steps = new LinkedHashMap<>();
		HttpLoop.STEPS.forEach(step -> steps.put(step, new ConcurrentHistogram(3)));
		var next = new AtomicInteger();
		var failures = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(clients);
		long serverStart = DatabaseCpu.millisOf(server.pid());
		long jitStart = DatabaseCpu.compilerMillisOf(server.pid());
		long databaseStart = DatabaseCpu.millis();
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			workers.execute(() -> {
				while (next.getAndIncrement() < count) {
					try {
						server.loop().around(server.http(), steps);
					}
					catch (Exception ex) {
						if (failures.getAndIncrement() == 0) {
							System.out.println("first failure (" + server.name() + "): " + ex);
						}
					}
				}
			});
		}
		workers.shutdown();
		workers.awaitTermination(1, TimeUnit.HOURS);
		double seconds = (System.nanoTime() - start) / 1e9;
		int closed = Math.max(1, count - failures.get());
		long serverCpu = DatabaseCpu.millisOf(server.pid()) - serverStart;
		long databaseCpu = DatabaseCpu.millis() - databaseStart;
		long jitEnd = DatabaseCpu.compilerMillisOf(server.pid());
		return new Round(closed / seconds, serverCpu / (double) closed, jitStart < 0 || jitEnd < 0 ? Double.NaN
				: (jitEnd - jitStart) / (double) closed, databaseCpu / (double) closed, failures.get());
	}

	/**
	 * What autovacuum would have done by now: dead rows gone, statistics (and so plans) fresh — but not for the
	 * engine's runtime tables, which are empty between rounds: analysed empty, the planner would scan them whole
	 * as they fill again during the next round (with them, one run's PostgreSQL CPU per matter doubled).
	 */
	private static void vacuumed(Server server) throws SQLException {
		try (Connection db = DriverManager.getConnection(server.database(), "postgres", ""); Statement statement = db.createStatement()) {
			var tables = new ArrayList<String>();
			try (var rows = statement.executeQuery("select tablename from pg_tables where schemaname = current_schema()")) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
			for (String table : tables) {
				if (!table.toLowerCase().startsWith("act_ru_")) {
					statement.execute("vacuum analyze \"" + table + "\"");
				}
			}
		}
	}

	private static double median(List<Double> values) {
		var sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
