package org.civicloop.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.system.EngineWork;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole loop, from intake to closure, two ways into the same model and database in one run:
 * <ul>
 * <li>{@code http}: as the county's systems and the cadres drive it — {@code POST /api/matters} as the hotline
 * system; then for sign-for, handling, review and return visit the task is looked up, claimed and its form
 * submitted through {@code /engine-rest} as the department's cadre ({@code transport.he}) and the dispatcher,
 * each with their own HTTP Basic login, as Tasklist calls the same resources;</li>
 * <li>{@code java}: the same steps on the engine's Java API in process — {@code FormService.submitStartForm},
 * {@code TaskService.claim}, {@code FormService.submitTaskForm} — authenticated as the same accounts.</li>
 * </ul>
 * A closed model: {@code clients} threads each take a matter around the loop, then the next. Reports matters
 * closed per second for each path, p50/p99 of each step, and the database cost per closed matter: rows and
 * bytes (tables with their indexes; on PostgreSQL after {@code VACUUM FULL}) added per closed matter, by table.
 *
 * <p>Run with {@code bench/loop.sh [h2|postgres] [matters per path and round] [clients] [rounds]}: both paths
 * first warm up with as many matters, again until the JIT compilers have settled ({@link #warmUp}), then each
 * round runs both, in alternating order; each path's best round is reported.
 */
public final class LoopBenchmark {

	private static final com.sun.management.OperatingSystemMXBean CPU =
			(com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

	private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();



	private final AtomicLong phones = new AtomicLong(13_100_000_000L);

	private final BenchHttp http;

	private final HttpLoop loop = new HttpLoop(phones);

	private final FormService forms;

	private final TaskService tasks;

	private final EngineWork engine;

	private final String definitionId;

	/** Whether the database is the PostgreSQL server on this host, whose CPU time each round reports. */
	private final boolean postgres;

	private LoopBenchmark(ConfigurableApplicationContext app, boolean postgres) {
		this.postgres = postgres;
		this.http = new BenchHttp(BenchApp.baseUrl(app));
		this.forms = app.getBean(FormService.class);
		this.tasks = app.getBean(TaskService.class);
		this.engine = app.getBean(EngineWork.class);
		this.definitionId = app.getBean(RepositoryService.class).createProcessDefinitionQuery()
			.processDefinitionKey("matter-handling").withoutTenantId().latestVersion().singleResult().getId();
	}

	public static void main(String[] args) throws Exception {
		String db = args.length > 0 ? args[0] : "h2";
		int matters = args.length > 1 ? Integer.parseInt(args[1]) : 200;
		int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
		int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
		ConfigurableApplicationContext app = BenchApp.start(db);
		try {
			var bench = new LoopBenchmark(app, db.equals("postgres"));
			var storage = new Storage(app.getBean(DataSource.class), db.equals("postgres"));
			String warmUp = bench.warmUp(matters, clients);
			var before = storage.measure(false);
			long closedBefore = storage.closedMatters();
			Result http = null;
			Result java = null;
			for (int round = 1; round <= rounds; round++) {
				for (boolean viaHttp : round % 2 == 1 ? new boolean[] { true, false } : new boolean[] { false, true }) {
					Result result = bench.run(matters, clients, viaHttp, false);
					System.out.printf("round %d %s %s%n", round, viaHttp ? "http" : "java", result.summary());
					if (viaHttp) {
						http = http == null || result.perSecond() > http.perSecond() ? result : http;
					}
					else {
						java = java == null || result.perSecond() > java.perSecond() ? result : java;
					}
				}
			}
			var after = storage.measure(true);
			long closed = storage.closedMatters() - closedBefore;
			System.out.printf("%n%s, %d matters per path and round, %d clients, best of %d rounds after %s%n",
					db, matters, clients, rounds, warmUp);
			System.out.println("http " + http);
			System.out.println("java " + java);
			System.out.printf("http/java %.2f%n", http.perSecond() / java.perSecond());
			storage.report(before, after, closed);
		}
		finally {
			app.close();
		}
	}

	/**
	 * Both paths warm up, {@code matters} each at a time, until the JIT compilers have settled: on two cores
	 * they compile for minutes, and a round they still compile in measures the compilers as much as the loop.
	 * Settled is a warm-up of both paths in which they spent at most {@value #SETTLED_JIT_MS} ms per matter;
	 * at most {@value #MAX_WARM_UPS} warm-ups.
	 */
	private String warmUp(int matters, int clients) throws Exception {
		double jit = Double.NaN;
		for (int warmUp = 1; warmUp <= MAX_WARM_UPS; warmUp++) {
			Result http = run(matters, clients, true, true);
			Result java = run(matters, clients, false, true);
			jit = (http.jitMsPerMatter() + java.jitMsPerMatter()) / 2;
			System.out.printf("warm-up %d: JIT %.0f ms per matter (http %.0f, java %.0f)%n", warmUp, jit,
					http.jitMsPerMatter(), java.jitMsPerMatter());
			if (jit <= SETTLED_JIT_MS) {
				return String.format("%d warm-ups of %d matters per path (the JIT settled)", warmUp, matters);
			}
		}
		return String.format("%d warm-ups of %d matters per path (the JIT not settled: %.0f ms per matter in the last)",
				MAX_WARM_UPS, matters, jit);
	}

	private static final int SETTLED_JIT_MS = 10;

	private static final int MAX_WARM_UPS = 6;

	/**
	 * A round or warm-up of one path, in a flight recording when one runs ({@code bench/profile.sh}): what
	 * {@link JfrSummary} takes the samples of. Costs nothing without a recording.
	 */
	@jdk.jfr.Name("org.civicloop.bench.Round")
	@jdk.jfr.Label("Loop benchmark round")
	static final class RoundEvent extends jdk.jfr.Event {

		@jdk.jfr.Label("Path")
		String path;

		@jdk.jfr.Label("Warm-up")
		boolean warmUp;

	}

	/** Takes {@code count} matters around the loop with {@code clients} threads. */
	private Result run(int count, int clients, boolean viaHttp, boolean warmUp) throws Exception {
		var round = new RoundEvent();
		round.path = viaHttp ? "http" : "java";
		round.warmUp = warmUp;
		round.begin();
		try {
			return runRound(count, clients, viaHttp);
		}
		finally {
			round.commit();
		}
	}

	private Result runRound(int count, int clients, boolean viaHttp) throws Exception {
		Map<String, Histogram> steps = new LinkedHashMap<>();
		HttpLoop.STEPS.forEach(step -> steps.put(step, new ConcurrentHistogram(3)));
		var next = new AtomicInteger();
		var failures = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(clients);
		long cpuStart = CPU.getProcessCpuTime();
		long databaseStart = postgres ? DatabaseCpu.millis() : -1;
		long jitStart = JIT.getTotalCompilationTime();
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			workers.execute(() -> {
				while (next.getAndIncrement() < count) {
					try {
						if (viaHttp) {
							loop.around(http, steps);
						}
						else {
							loopOnJavaApi(steps);
						}
					}
					catch (Exception ex) {
						if (failures.getAndIncrement() == 0) {
							System.out.println("first failure (" + (viaHttp ? "http" : "java") + "): " + ex);
						}
					}
				}
			});
		}
		workers.shutdown();
		workers.awaitTermination(1, TimeUnit.HOURS);
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (CPU.getProcessCpuTime() - cpuStart) / 1e9;
		long databaseEnd = postgres ? DatabaseCpu.millis() : -1;
		int closed = count - failures.get();
		double databaseMs = databaseStart < 0 || databaseEnd < 0 ? Double.NaN : (databaseEnd - databaseStart) / (double) closed;
		return new Result(closed, failures.get(), closed / seconds, cpuSeconds * 1000 / closed, databaseMs,
				cpuSeconds / seconds / Runtime.getRuntime().availableProcessors(),
				(JIT.getTotalCompilationTime() - jitStart) / (double) closed, steps);
	}

	private void loopOnJavaApi(Map<String, Histogram> steps) throws Exception {
		long matter = phones.incrementAndGet();
		String trackingNo = HttpLoop.timed(steps, "intake", () -> engine.as("hotline-system",
				() -> forms.submitStartForm(definitionId, roadDamageStartForm(matter)).getBusinessKey()));
		HttpLoop.timed(steps, "sign-for", () -> workOnJavaApi("transport.he", trackingNo, "task_signFor", true,
				Map.of("signForDecision", "sign")));
		HttpLoop.timed(steps, "handle", () -> workOnJavaApi("transport.he", trackingNo, "task_handle", false, HttpLoop.handled(matter)));
		HttpLoop.timed(steps, "review", () -> workOnJavaApi("dispatcher", trackingNo, "task_review", true, HttpLoop.reviewed()));
		HttpLoop.timed(steps, "return-visit", () -> workOnJavaApi("dispatcher", trackingNo, "task_returnVisit", true, HttpLoop.visited()));
	}

	private Void workOnJavaApi(String user, String trackingNo, String taskKey, boolean claim, Map<String, Object> input) {
		engine.as(user, () -> {
			Task task = tasks.createTaskQuery().processInstanceBusinessKey(trackingNo).taskDefinitionKey(taskKey).singleResult();
			if (claim) {
				tasks.claim(task.getId(), user);
			}
			forms.submitTaskForm(task.getId(), input);
		});
		return null;
	}

	/**
	 * The start form of road-damage matter number {@code phone} in 青石镇 (led by the transport bureau): its own
	 * reporter phone, its text from {@link RoadDamageTexts}.
	 */
	static Map<String, Object> roadDamageStartForm(long phone) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("channel", "hotline");
		variables.put("matterType", "complaint");
		variables.put("category", "road-damage");
		variables.put("urgency", "normal");
		variables.put("description", RoadDamageTexts.description(phone));
		variables.put("unit", "qingshi");
		variables.put("address", "青石镇中心路");
		variables.put("reporterName", "基准");
		variables.put("reporterPhone", String.valueOf(phone));
		return variables;
	}

	/**
	 * Matters closed, failed, closed per second, CPU time of this JVM (server and load generator) per closed
	 * matter (and the JIT compilers' part of it: still warming when it is not near zero) and its share of all
	 * cores, the PostgreSQL server's CPU time per closed matter when it runs on this host ({@link DatabaseCpu}),
	 * and each step's latency.
	 */
	record Result(int closed, int failed, double perSecond, double cpuMsPerMatter, double databaseMsPerMatter,
			double cpuShare, double jitMsPerMatter, Map<String, Histogram> steps) {

		String summary() {
			return String.format("%6.1f closed/s  (%d closed, %d failed)  CPU %.0f ms per matter (JIT %.0f ms), %.0f%% of all cores%s",
					perSecond, closed, failed, cpuMsPerMatter, jitMsPerMatter, cpuShare * 100,
					Double.isNaN(databaseMsPerMatter) ? "" : String.format("; PostgreSQL %.0f ms per matter", databaseMsPerMatter));
		}

		@Override
		public String toString() {
			var text = new StringBuilder(summary());
			steps.forEach((step, latency) -> text.append(String.format("%n     %-13s p50 %7.1f ms  p99 %7.1f ms", step,
					latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6)));
			return text.toString();
		}

	}

}
