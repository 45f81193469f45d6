package org.civicloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
 * Intake and the whole loop over HTTP against the nodes of a running cluster ({@code docker/cluster.sh}), the
 * clients spread over the nodes; what each costs the database (commits, rows written, WAL bytes per matter) and
 * where the CPU went (PostgreSQL's processes, the nodes' JVMs, this load generator). Run by
 * {@code bench/scale.sh}, once with one node and once with two.
 *
 * <p>Arguments: the cluster's folder (its {@code node*.port} and {@code node*.pid}), the database, matters
 * for the warm-up, for intake and for the loop, clients.
 */
public final class ScaleBenchmark {

	private static final long TICKS = 100; // USER_HZ: clock ticks per second in /proc/<pid>/stat

	private final List<BenchHttp> nodes = new ArrayList<>();

	private final List<Long> nodePids = new ArrayList<>();

	private final String database;

	private final HttpLoop loop = new HttpLoop(new AtomicLong(13_300_000_000L));

	private ScaleBenchmark(Path cluster, String database) throws Exception {
		this.database = database;
		for (int node = 1; Files.exists(cluster.resolve("node" + node + ".port")); node++) {
			nodes.add(new BenchHttp("http://127.0.0.1:" + Files.readString(cluster.resolve("node" + node + ".port")).strip()));
			nodePids.add(Long.parseLong(Files.readString(cluster.resolve("node" + node + ".pid")).strip()));
		}
	}

	public static void main(String[] args) throws Exception {
		var bench = new ScaleBenchmark(Path.of(args[0]), args[1]);
		int warmUp = Integer.parseInt(args[2]);
		int intake = Integer.parseInt(args[3]);
		int loops = Integer.parseInt(args[4]);
		int clients = Integer.parseInt(args[5]);
		bench.run("warm-up", warmUp, clients, true);
		bench.run("intake", intake, clients, false);
		bench.run("loop", loops, clients, true);
	}

	/** {@code count} matters registered ({@code whole}: taken to their close) by {@code clients} threads; one line of figures. */
	private void run(String name, int count, int clients, boolean whole) throws Exception {
		Map<String, Histogram> steps = new LinkedHashMap<>();
		HttpLoop.STEPS.forEach(step -> steps.put(step, new ConcurrentHistogram(3)));
		var next = new AtomicInteger();
		var failures = new AtomicInteger();
		var before = new Sample();
		ExecutorService workers = Executors.newFixedThreadPool(clients);
		for (int c = 0; c < clients; c++) {
			workers.execute(() -> {
				for (int matter; (matter = next.getAndIncrement()) < count;) {
					BenchHttp node = nodes.get(matter % nodes.size());
					try {
						if (whole) {
							loop.around(node, steps);
						}
						else {
							HttpLoop.timed(steps, "intake", () -> loop.register(node));
						}
					}
					catch (Exception ex) {
						if (failures.getAndIncrement() == 0) {
							System.out.println("first failure: " + ex);
						}
					}
				}
			});
		}
		workers.shutdown();
		workers.awaitTermination(2, TimeUnit.HOURS);
		var after = new Sample();
		double seconds = (after.nanos - before.nanos) / 1e9;
		int done = count - failures.get();
		double cores = Runtime.getRuntime().availableProcessors();
		System.out.printf("%-8s %d node(s): %6.1f %s/s (%d, %d failed, %d clients); intake p50 %.0f ms p99 %.0f ms; per matter: "
				+ "%.1f commits, %.0f rows written, %.1f KB WAL; CPU of all cores: PostgreSQL %.0f%%, nodes %.0f%%, load generator %.0f%%%n",
				name, nodes.size(), done / seconds, whole ? "closed" : "registered", done, failures.get(), clients,
				steps.get("intake").getValueAtPercentile(50) / 1e6, steps.get("intake").getValueAtPercentile(99) / 1e6,
				(after.commits - before.commits) / (double) done, (after.rows - before.rows) / (double) done,
				(after.walBytes - before.walBytes) / 1024.0 / done, 100 * (after.postgresTicks - before.postgresTicks) / TICKS / seconds / cores,
				100 * (after.nodeTicks - before.nodeTicks) / TICKS / seconds / cores,
				100 * (after.ownNanos - before.ownNanos) / 1e9 / seconds / cores);
	}

	/** Counters read at one moment: the database's, and CPU ticks of PostgreSQL's processes, the nodes and this JVM. */
	private final class Sample {

		final long nanos = System.nanoTime();

		final long commits;

		final long rows;

		final long walBytes;

		final long postgresTicks = ticksOf(postgresPids());

		final long nodeTicks = ticksOf(nodePids);

		final long ownNanos = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();

		Sample() throws Exception {
			try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
					ResultSet row = db.createStatement().executeQuery("select xact_commit, tup_inserted + tup_updated + tup_deleted,"
							+ " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint from pg_stat_database where datname = current_database()")) {
				row.next();
				commits = row.getLong(1);
				rows = row.getLong(2);
				walBytes = row.getLong(3);
			}
		}

	}

	private static List<Long> postgresPids() throws Exception {
		var pids = new ArrayList<Long>();
		try (var processes = Files.list(Path.of("/proc"))) {
			for (Path process : (Iterable<Path>) processes::iterator) {
				String name = process.getFileName().toString();
				if (name.chars().allMatch(Character::isDigit) && Files.exists(process.resolve("comm"))) {
					try {
						if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
							pids.add(Long.parseLong(name));
						}
					}
					catch (java.io.IOException gone) {
						// ended while listed
					}
				}
			}
		}
		return pids;
	}

	/** User and system CPU ticks of the processes, as /proc/<pid>/stat counts them (fields 14 and 15). */
	private static long ticksOf(List<Long> pids) {
		long ticks = 0;
		for (long pid : pids) {
			try {
				String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (java.io.IOException gone) {
				// ended meanwhile
			}
		}
		return ticks;
	}

}
