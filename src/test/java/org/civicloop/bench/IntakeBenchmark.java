package org.civicloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Intake throughput and latency, three ways into the same model and database, in one run: CivicLoop's
 * facade ({@code POST /api/matters}), the engine's Java API ({@code FormService.submitStartForm}, the start-form
 * path: the same registration delegate then checks and stores the matter), and the engine REST API
 * ({@code POST /engine-rest/process-definition/key/matter-handling/submit-form}, as Tasklist starts a matter;
 * a plain {@code .../start} is refused for matters).
 *
 * <p>Open model: requests are due at a fixed arrival rate whatever the answers do, and each latency runs
 * from when its request was due, not when a free worker sent it — so a stall shows as latency instead of
 * silently lowering the load (coordinated omission). Latencies go into HdrHistogram.
 *
 * <p>Run with {@code bench/intake.sh}; arguments: {@code h2|postgres}, requests per path, arrival rate per
 * second, rounds. Each round runs the three paths one after the other, in rotating order.
 */
public final class IntakeBenchmark {

	private static final String JSON = "application/json";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final AtomicLong phones = new AtomicLong(13_000_000_000L);

	private final java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();

	private final String base;

	private final FormService forms;

	private final IdentityService identity;

	private final String definitionId;

	private IntakeBenchmark(String base, ConfigurableApplicationContext app) {
		this.base = base;
		this.forms = app.getBean(FormService.class);
		this.identity = app.getBean(IdentityService.class);
		this.definitionId = app.getBean(RepositoryService.class).createProcessDefinitionQuery().processDefinitionKey("matter-handling")
			.withoutTenantId().latestVersion().singleResult().getId();
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("server")) {
			serve(args[1]);
			return;
		}
		if (args.length > 0 && args[0].equals("client")) {
			var bench = new IntakeBenchmark(args[1], null);
			bench.phones.set(Long.parseLong(args[5]));
			IntPredicate path = args[2].equals("facade") ? bench::viaFacade : bench::viaEngineRest;
			System.out.println("RESULT " + args[2] + " " + bench.load(path, Integer.parseInt(args[3]), Double.parseDouble(args[4])));
			return;
		}
		String db = args.length > 0 ? args[0] : "h2";
		int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
		double rate = args.length > 2 ? Double.parseDouble(args[2]) : 100;
		int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
		ConfigurableApplicationContext app = BenchApp.start(db);
		try {
			var bench = new IntakeBenchmark(BenchApp.baseUrl(app), app);
			bench.run(db, requests, rate, rounds);
		}
		finally {
			app.close();
		}
	}

	/**
	 * Server mode for {@code bench/intake-pinned.sh}: starts CivicLoop, prints its port, then on each line
	 * {@code java <requests> <rate> <first phone>} from standard input runs the Java-API load in this JVM.
	 */
	private static void serve(String db) throws Exception {
		ConfigurableApplicationContext app = BenchApp.start(db);
		try {
			String base = BenchApp.baseUrl(app);
			var bench = new IntakeBenchmark(base, app);
			System.out.println("PORT " + base.substring(base.lastIndexOf(':') + 1));
			var commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
				String[] parts = line.trim().split(" ");
				bench.phones.set(Long.parseLong(parts[3]));
				System.out.println("RESULT java " + bench.load(bench::viaJavaApi, Integer.parseInt(parts[1]), Double.parseDouble(parts[2])));
			}
		}
		finally {
			app.close();
		}
	}

	private void run(String db, int requests, double rate, int rounds) throws Exception {
		Map<String, IntPredicate> paths = new LinkedHashMap<>();
		paths.put("facade  POST /api/matters", this::viaFacade);
		paths.put("java    FormService.submitStartForm", this::viaJavaApi);
		paths.put("rest    POST /engine-rest/.../submit-form", this::viaEngineRest);
		warmUp(paths);
		Map<String, Result> best = new LinkedHashMap<>();
		List<String> names = List.copyOf(paths.keySet());
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < names.size(); i++) {
				String name = names.get((i + round) % names.size());
				Result result = load(paths.get(name), requests, rate);
				System.out.printf("round %d  %-36s %s%n", round + 1, name, result);
				best.merge(name, result, (a, b) -> a.throughput() >= b.throughput() ? a : b);
			}
		}
		double java = best.get(names.get(1)).throughput();
		System.out.printf("%nbest of %d rounds on %s, %d requests per path at %.0f/s offered:%n", rounds, db, requests, rate);
		best.forEach((name, result) -> System.out.printf("%-36s %s  ratio to Java API %.2f%n", name, result,
				result.throughput() / java));
	}

	private void warmUp(Map<String, IntPredicate> paths) throws Exception {
		for (IntPredicate path : paths.values()) {
			load(path, 200, 50);
		}
	}

	/** Offers {@code count} requests at {@code rate} per second and measures each from its due time. */
	private Result load(IntPredicate call, int count, double rate) throws Exception {
		var recorder = new Recorder(3);
		var failures = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(64);
		long periodNanos = (long) (1e9 / rate);
		long start = System.nanoTime() + 50_000_000;
		for (int i = 0; i < count; i++) {
			long due = start + i * periodNanos;
			int n = i;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			workers.execute(() -> {
				boolean ok;
				try {
					ok = call.test(n);
				}
				catch (RuntimeException ex) {
					ok = false;
				}
				recorder.recordValue(Math.max(0, System.nanoTime() - due));
				if (!ok) {
					failures.incrementAndGet();
				}
			});
		}
		workers.shutdown();
		workers.awaitTermination(10, TimeUnit.MINUTES);
		long elapsed = System.nanoTime() - start;
		Histogram latencies = recorder.getIntervalHistogram();
		return new Result(count, failures.get(), count / (elapsed / 1e9), latencies.getValueAtPercentile(50) / 1e6,
				latencies.getValueAtPercentile(99) / 1e6, latencies.getMaxValue() / 1e6);
	}

	private boolean viaFacade(int n) {
		String body = """
				{"channel":"hotline","type":"complaint","category":"street-light","urgency":"normal",
				 "description":"基准测试：路灯不亮","unit":"hebin","location":{"address":"河滨路","gridCode":"LW-HB-01"},
				 "reporter":{"name":"基准","phone":"%d"}}""".formatted(phones.incrementAndGet());
		return post("/api/matters", body) == 201;
	}

	private boolean viaEngineRest(int n) {
		String body = """
				{"variables":{"channel":{"value":"hotline"},"matterType":{"value":"complaint"},"category":{"value":"street-light"},
				 "urgency":{"value":"normal"},"description":{"value":"基准测试：路灯不亮"},"unit":{"value":"hebin"},
				 "address":{"value":"河滨路"},"gridCode":{"value":"LW-HB-01"},"reporterName":{"value":"基准"},
				 "reporterPhone":{"value":"%d"}}}""".formatted(phones.incrementAndGet());
		return post("/engine-rest/process-definition/key/matter-handling/submit-form", body) == 200;
	}

	private boolean viaJavaApi(int n) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("channel", "hotline");
		variables.put("matterType", "complaint");
		variables.put("category", "street-light");
		variables.put("urgency", "normal");
		variables.put("description", "基准测试：路灯不亮");
		variables.put("unit", "hebin");
		variables.put("address", "河滨路");
		variables.put("gridCode", "LW-HB-01");
		variables.put("reporterName", "基准");
		variables.put("reporterPhone", String.valueOf(phones.incrementAndGet()));
		identity.setAuthentication("hotline-system", List.of("intake-systems"));
		try {
			return forms.submitStartForm(definitionId, variables).getId() != null;
		}
		finally {
			identity.clearAuthentication();
		}
	}

	private int post(String path, String body) {
		var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
			.header("Content-Type", JSON)
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("hotline-system:demo".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201 && path.equals("/api/matters") && reported.compareAndSet(false, true)) {
				System.out.println("first failure on " + path + ": " + response.statusCode() + " " + response.body());
			}
			return response.statusCode();
		}
		catch (Exception ex) {
			if (reported.compareAndSet(false, true)) {
				System.out.println("first failure on " + path + ": " + ex);
			}
			return -1;
		}
	}

	/** One load: how many, how many failed, achieved rate, and latency from due time (ms). */
	record Result(int requests, int failures, double throughput, double p50, double p99, double max) {

		@Override
		public String toString() {
			return String.format("%6.1f/s  p50 %7.1f ms  p99 %8.1f ms  max %8.1f ms  failed %d/%d", throughput, p50, p99, max,
					failures, requests);
		}

	}

}
