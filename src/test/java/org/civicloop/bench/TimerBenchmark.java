package org.civicloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.civicloop.WebhookReceiver;
import org.civicloop.system.EngineWork;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Warnings falling due, drained by the job executor with its notifications written, under one job-executor
 * setting per run: {@code tuned} (application.yml) or {@code default} (Camunda's own values, set back here).
 * <ol>
 * <li>registers matters (road damage in 青石镇: each has a sign-for warning timer, and one cadre to tell), then
 * on PostgreSQL brings the planner's statistics up to date ({@code ANALYZE});</li>
 * <li><b>drain</b>: moves {@code drain} warning timers to one moment a few seconds ahead and measures how long
 * the job executor takes until every warning's notification is in the outbox: the drain rate;</li>
 * <li><b>steady</b>: moves {@code steady} further warnings to fall due one after another at half that rate and
 * measures each one's lag from its due time to its notification (p50, p99, max);</li>
 * <li><b>burst</b> (when not 0): that many warnings due at the same moment: the time to drain them all.</li>
 * </ol>
 * Run with {@code bench/timers.sh}, which runs both settings one after the other on an emptied database.
 */
public final class TimerBenchmark {

	/** Camunda's own job-executor values, which application.yml changes. */
	static final Map<String, Object> CAMUNDA_DEFAULTS = Map.ofEntries(
			Map.entry("camunda.bpm.job-execution.wait-time-in-millis", "5000"),
			Map.entry("camunda.bpm.job-execution.max-wait", "60000"),
			Map.entry("camunda.bpm.job-execution.max-jobs-per-acquisition", "3"),
			Map.entry("camunda.bpm.job-execution.core-pool-size", "3"),
			Map.entry("camunda.bpm.job-execution.max-pool-size", "10"),
			Map.entry("camunda.bpm.job-execution.queue-capacity", "3"),
			Map.entry("camunda.bpm.job-execution.backoff-time-in-millis", "0"),
			Map.entry("camunda.bpm.job-execution.max-backoff", "0"),
			Map.entry("camunda.bpm.generic-properties.properties.jobExecutorPreferTimerJobs", "false"),
			Map.entry("camunda.bpm.generic-properties.properties.jobExecutorAcquireByDueDate", "false"));

	private static final String WARNING_TIMER = "timer_signForWarning";

	private static final com.sun.management.OperatingSystemMXBean CPU =
			(com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

	private final AtomicLong phones = new AtomicLong(13_200_000_000L);

	private final FormService forms;

	private final ManagementService management;

	private final EngineWork engine;

	private final JdbcClient jdbc;

	private final String definitionId;

	private final WebhookReceiver receiver;

	private TimerBenchmark(ConfigurableApplicationContext app, WebhookReceiver receiver) {
		this.receiver = receiver;
		this.forms = app.getBean(FormService.class);
		this.management = app.getBean(ManagementService.class);
		this.engine = app.getBean(EngineWork.class);
		this.jdbc = app.getBean(JdbcClient.class);
		this.definitionId = app.getBean(RepositoryService.class).createProcessDefinitionQuery()
			.processDefinitionKey("matter-handling").withoutTenantId().latestVersion().singleResult().getId();
	}

	public static void main(String[] args) throws Exception {
		String db = args.length > 0 ? args[0] : "postgres";
		String settings = args.length > 1 ? args[1] : "tuned";
		int drain = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
		int steady = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
		int burst = args.length > 4 ? Integer.parseInt(args[4]) : 0;
		String outbox = args.length > 5 ? args[5] : "civicloop";
		Map<String, Object> more = new HashMap<>(settings.equals("default") ? CAMUNDA_DEFAULTS : Map.of());
		more.put("camunda.bpm.job-execution.enabled", "true");
		try (var receiver = new WebhookReceiver()) {
			Class<?>[] sources = switch (outbox) {
				case "civicloop" -> {
					more.put("civicloop.notifications.webhooks[0].name", "bench");
					more.put("civicloop.notifications.webhooks[0].url", receiver.url());
					more.put("civicloop.notifications.webhooks[0].secret", WebhookReceiver.SECRET);
					yield new Class<?>[0];
				}
				case "camunda-job" -> {
					more.put(OutboxAlternatives.URL, receiver.url());
					yield new Class<?>[] { OutboxAlternatives.CamundaJobs.class };
				}
				case "modulith" -> {
					more.put(OutboxAlternatives.URL, receiver.url());
					more.put("spring.modulith.events.jdbc.schema-initialization.enabled", "true");
					yield new Class<?>[] { OutboxAlternatives.ModulithRegistry.class, OutboxAlternatives.ModulithDelivery.class };
				}
				default -> throw new IllegalArgumentException("outbox: civicloop, camunda-job or modulith, not " + outbox);
			};
			ConfigurableApplicationContext app = BenchApp.start(db, more, sources);
			try {
				new TimerBenchmark(app, receiver).measure(db, settings + " settings, outbox " + outbox, drain, steady, burst);
				System.out.println(outboxLeft(app.getBean(JdbcClient.class), db, outbox) + "; repeats at the receiver: " + receiver.repeats()
						+ ", refused: " + receiver.refused());
			}
			finally {
				app.close();
			}
		}
	}

	private void measure(String db, String title, int drain, int steady, int burst) throws Exception {
		long started = System.nanoTime();
		List<Map<String, String>> batches = register(List.of(drain, steady, burst));
		if (db.equals("postgres")) {
			// statistics as a database that grew over months has them, not as of the empty start
			jdbc.sql("analyze").update();
		}
		System.out.printf("%s, %s: %d matters registered in %.0f s%n", title, db, drain + steady + burst, (System.nanoTime() - started) / 1e9);

		Phase drained = run(batches.get(0), i -> Duration.ZERO);
		double rate = drained.rate();
		System.out.printf("drain: %d warnings due at once, the first notified after %.1f s, all after %.1f s: %.1f per second, JVM CPU %.0f%% of all cores%n",
				drained.count(), drained.lag(0), drained.drainSeconds(), rate, drained.cpuShare() * 100);
		System.out.println("  " + drained.delivery());

		double offered = rate / 2;
		Phase paced = run(batches.get(1), i -> Duration.ofNanos((long) (i * 1e9 / offered)));
		System.out.printf("steady: %d warnings due one after another at %.1f per second (half the drain rate): lag p50 %.2f s, p99 %.2f s, max %.2f s%n",
				paced.count(), offered, paced.lag(0.50), paced.lag(0.99), paced.lag(1.0));
		System.out.println("  " + paced.delivery());

		if (burst > 0) {
			Phase all = run(batches.get(2), i -> Duration.ZERO);
			System.out.printf("burst: %d warnings due at once, the first notified after %.1f s, all after %.1f s (%.1f per second), JVM CPU %.0f%% of all cores%n",
					all.count(), all.lag(0), all.drainSeconds(), all.rate(), all.cpuShare() * 100);
			System.out.println("  " + all.delivery());
		}
	}

	/** What the outbox keeps once everything was delivered: its rows and, on PostgreSQL, its size with indexes. */
	private static String outboxLeft(JdbcClient jdbc, String db, String outbox) {
		if (outbox.equals("camunda-job")) {
			// a message job is deleted once it ran; the table's size is the timers'
			long jobs = jdbc.sql("select count(*) from act_ru_job where handler_type_ = :type")
				.param("type", OutboxAlternatives.CamundaJobs.TYPE).query(Long.class).single();
			return "outbox act_ru_job holds " + jobs + " delivery jobs after delivery (a job is deleted once it ran)";
		}
		String table = outbox.equals("modulith") ? "event_publication" : "notification_delivery";
		long rows = jdbc.sql("select count(*) from " + table).query(Long.class).single();
		String size = db.equals("postgres")
				? ", " + jdbc.sql("select pg_total_relation_size('" + table + "') / 1024").query(Long.class).single() + " KB with indexes" : "";
		return "outbox " + table + " holds " + rows + " rows" + size + " after delivery";
	}

	/** Registers matters in batches of the given sizes; each batch maps a warning timer's job id to its tracking number. */
	private List<Map<String, String>> register(List<Integer> sizes) throws Exception {
		int total = sizes.stream().mapToInt(Integer::intValue).sum();
		var trackingNos = java.util.Collections.synchronizedMap(new HashMap<String, String>());
		ExecutorService workers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < total; i++) {
			workers.execute(() -> {
				var instance = engine.as("hotline-system",
						() -> forms.submitStartForm(definitionId, LoopBenchmark.roadDamageStartForm(phones.incrementAndGet())));
				trackingNos.put(instance.getId(), instance.getBusinessKey());
			});
		}
		workers.shutdown();
		workers.awaitTermination(1, TimeUnit.HOURS);
		List<Job> timers = management.createJobQuery().timers().activityId(WARNING_TIMER).list();
		var batches = new ArrayList<Map<String, String>>();
		int from = 0;
		for (int size : sizes) {
			var batch = new LinkedHashMap<String, String>();
			for (Job timer : timers.subList(from, from + size)) {
				batch.put(timer.getId(), trackingNos.get(timer.getProcessInstanceId()));
			}
			batches.add(batch);
			from += size;
		}
		return batches;
	}

	/**
	 * Moves each warning timer of the batch to {@code start + offset(i)}, {@code start} far enough ahead that every
	 * move is done before the first falls due, then waits until every warning has its notification.
	 */
	private Phase run(Map<String, String> batch, IntFunction<Duration> offset) throws Exception {
		if (batch.isEmpty()) {
			return new Phase(0, 0, new double[0], 0, 0, new double[0]);
		}
		Instant start = Instant.now().plusSeconds(5 + batch.size() / 500);
		var due = new HashMap<String, Instant>();
		var jobs = new ArrayList<>(batch.keySet());
		ExecutorService workers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < jobs.size(); i++) {
			Instant at = start.plus(offset.apply(i));
			due.put(batch.get(jobs.get(i)), at);
			String job = jobs.get(i);
			workers.execute(() -> management.setJobDuedate(job, Date.from(at)));
		}
		workers.shutdown();
		workers.awaitTermination(1, TimeUnit.HOURS);
		if (Instant.now().isAfter(start)) {
			System.out.println("  (moving the timers took longer than planned: the first were due before the last moved)");
		}
		Set<String> wanted = due.keySet();
		long cpuStart = CPU.getProcessCpuTime();
		Map<String, Instant> notified = new HashMap<>();
		Instant lastDue = due.values().stream().max(Instant::compareTo).orElseThrow();
		while (notified.size() < wanted.size()) {
			if (Instant.now().isAfter(lastDue.plus(Duration.ofMinutes(30)))) {
				throw new IllegalStateException("only " + notified.size() + " of " + wanted.size() + " warnings notified after 30 min");
			}
			Thread.sleep(250);
			jdbc.sql("select tracking_no, created_at from notification where kind = 'warning' and created_at >= :since")
				.param("since", java.sql.Timestamp.from(start.minusSeconds(1)))
				.query((rs, row) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list().stream()
				.filter(entry -> wanted.contains(entry.getKey())).forEach(entry -> notified.putIfAbsent(entry.getKey(), entry.getValue()));
		}
		double[] lags = wanted.stream().mapToDouble(no -> Duration.between(due.get(no), notified.get(no)).toMillis() / 1000.0).sorted().toArray();
		Instant last = notified.values().stream().max(Instant::compareTo).orElseThrow();
		while (wanted.stream().anyMatch(no -> receiver.warned(no) == null)) {
			if (Instant.now().isAfter(last.plus(Duration.ofMinutes(30)))) {
				throw new IllegalStateException("warnings not at the webhook 30 min after the last was notified");
			}
			Thread.sleep(100);
		}
		double[] delivered = wanted.stream().mapToDouble(no -> Duration.between(due.get(no), receiver.warned(no)).toMillis() / 1000.0).sorted().toArray();
		Instant lastDelivered = wanted.stream().map(receiver::warned).max(Instant::compareTo).orElseThrow();
		double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
		double cpuShare = (CPU.getProcessCpuTime() - cpuStart) / 1e9 / seconds / Runtime.getRuntime().availableProcessors();
		return new Phase(wanted.size(), Duration.between(start, last).toMillis() / 1000.0, lags, cpuShare,
				Duration.between(start, lastDelivered).toMillis() / 1000.0, delivered);
	}

	/**
	 * What a phase measured: how many, seconds from the first due time to the last notification, sorted lags
	 * (due time to notification in the outbox), the JVM's CPU share of all cores while the phase ran until the
	 * last delivery (PostgreSQL's own processes are not in it), seconds to the last arrival at the webhook and
	 * sorted lags from due time to arrival.
	 */
	private record Phase(int count, double drainSeconds, double[] lags, double cpuShare, double deliverySeconds, double[] delivered) {

		/** Warnings notified per second between the first notification and the last, once the executor is at work. */
		double rate() {
			return (count - 1) / Math.max(0.001, drainSeconds - lags[0]);
		}

		double lag(double quantile) {
			return quantile(lags, quantile);
		}

		String delivery() {
			return String.format("webhook: all after %.1f s (%.1f per second), lag from due time p50 %.2f s, p99 %.2f s, max %.2f s",
					deliverySeconds, (count - 1) / Math.max(0.001, deliverySeconds - delivered[0]), quantile(delivered, 0.5),
					quantile(delivered, 0.99), quantile(delivered, 1.0));
		}

		private static double quantile(double[] sorted, double quantile) {
			return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1))];
		}

	}

}
