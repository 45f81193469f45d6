package org.civicloop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL ({@code docker/cluster.sh}, the packaged jar) under a steady intake through the
 * facade: one node killed with {@code kill -9} every few seconds and started again, warnings falling due
 * meanwhile and posted to a webhook; then the database restarted under load. Nothing a client was told is lost
 * or doubled, nothing exists that no client was told about, each warning arrives once, no job stays locked,
 * and while the database is down the answer is 503 problem details. PostgreSQL only; bounded in time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFaultTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String WEBHOOK = "fault-test";

	/** The lock time the nodes run with (application.yml): a dead node's jobs are free again after it. */
	private static final Duration LOCK_TIME = Duration.ofSeconds(60);

	private WebhookReceiver hooks;

	private Cluster cluster;

	@BeforeAll
	void twoNodes() throws Exception {
		boolean possible = Cluster.possible();
		if (!possible && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must run the cluster tests: package the jar and start PostgreSQL");
		}
		Assumptions.assumeTrue(possible, "Cluster tests skipped: they need target/civicloop-*.jar and PostgreSQL on 127.0.0.1:5432");
		hooks = new WebhookReceiver();
		cluster = new Cluster(Path.of("target/cluster-fault"), "civicloop_fault", 18191, String.join(" ",
				"--civicloop.organization.demo=true", "--civicloop.matter.demo-matters=0",
				"--civicloop.notifications.webhooks[0].name=" + WEBHOOK, "--civicloop.notifications.webhooks[0].url=" + hooks.url(),
				"--civicloop.notifications.webhooks[0].secret=" + WebhookReceiver.SECRET, "--civicloop.notifications.poll=500ms"));
		cluster.start(2);
	}

	@AfterAll
	void stop() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
		if (hooks != null) {
			hooks.close();
		}
	}

	@Test
	void nodesKilledUnderLoadLoseNothingAndDoubleNothing() throws Exception {
		Set<String> warned = new HashSet<>();
		try (Intake intake = new Intake("kill-", 0, cluster.ports(), 4)) {
			for (int kill = 0; kill < 4; kill++) {
				Thread.sleep(3_000);
				if (kill == 1) {
					warned.addAll(warningsDueNow());
				}
				int node = kill % 2 + 1;
				cluster.kill(node);
				Thread.sleep(1_000);
				cluster.restart(node);
			}
			Thread.sleep(3_000);
			intake.finish(Duration.ofSeconds(60));

			System.out.printf("kill -9 under load: %d matters told, statuses %s, %d warnings made due%n", intake.told().size(),
					intake.statuses(), warned.size());
			assertThat(intake.unanswered()).as("every request answered in the end, after retries").isEmpty();
			assertThat(intake.told()).as("matters registered under fire").hasSizeGreaterThan(50);
			assertThat(intake.statuses()).as("statuses seen: never a 500").doesNotContainKey(500);
			assertEveryToldMatterExistsOnceAndNothingElse(intake);
		}
		assertThat(warned).as("warnings made due while nodes died").isNotEmpty();

		awaitSettled(LOCK_TIME.plusSeconds(60));
		try (Connection db = cluster.database()) {
			Map<String, Integer> warnings = counts(db, """
					select m.tracking_no, count(*) from matter_event e join matter m on m.id = e.matter_id
					where e.kind = 'WARNING' and e.stage = 'sign-for' group by m.tracking_no""");
			for (String trackingNo : warned) {
				assertThat(warnings.get(trackingNo)).as("warnings of %s", trackingNo).isEqualTo(1);
				assertThat(hooks.warned(trackingNo)).as("%s's warning at the webhook", trackingNo).isNotNull();
			}
			long sent = single(db, "select count(*) from notification_delivery where channel = 'webhook:" + WEBHOOK + "' and state = 'sent'");
			assertThat(hooks.received()).as("each notification at the webhook once").isEqualTo((int) sent);
			assertThat(hooks.repeats()).as("notifications that arrived twice").isZero();
			assertThat(single(db, "select count(*) from notification_delivery where state <> 'sent'")).as("pending or dead").isZero();
			assertThat(single(db, "select count(*) from act_ru_job where lock_exp_time_ < now()")).as("jobs locked past their lock time").isZero();
		}
	}

	@Test
	void aDatabaseRestartIsAnswered503AndTheNodesRecoverByThemselves() throws Exception {
		List<Long> pids = List.of(cluster.pid(1), cluster.pid(2));
		try (Intake intake = new Intake("restart-", 100_000, cluster.ports(), 2)) {
			Thread.sleep(3_000);
			postgres("stop");
			Instant stopped = Instant.now();
			assertThat(health(cluster.port(1), "readiness")).as("not ready without its database").isEqualTo(503);
			assertThat(health(cluster.port(1), "liveness")).as("yet alive: nothing should restart it").isEqualTo(200);
			Thread.sleep(Math.max(0, 8_000 - Duration.between(stopped, Instant.now()).toMillis()));
			postgres("start");
			intake.finish(Duration.ofSeconds(60));

			System.out.printf("database restart under load: %d matters told, statuses %s%n", intake.told().size(), intake.statuses());
			assertThat(intake.statuses()).as("statuses seen").containsKey(503).doesNotContainKey(500);
			assertThat(intake.problemDetails503()).as("every 503 is problem details with Retry-After").isTrue();
			assertThat(intake.unanswered()).isEmpty();
			assertEveryToldMatterExistsOnceAndNothingElse(intake);
		}
		HttpClient http = HttpClient.newHttpClient();
		for (int port : cluster.ports()) {
			var answer = Intake.register(http, port, "after-restart-" + port, 900_000 + port);
			assertThat(answer.statusCode()).as("node on %d after the restart", port).isEqualTo(201);
		}
		assertThat(List.of(cluster.pid(1), cluster.pid(2))).as("the nodes were not restarted").isEqualTo(pids);
		assertThat(health(cluster.port(1), "readiness")).as("ready again").isEqualTo(200);
	}

	/**
	 * Every matter a client of this intake was told of exists once, with its process; and no matter exists that
	 * one of its requests made and no client was told of.
	 */
	private void assertEveryToldMatterExistsOnceAndNothingElse(Intake intake) throws Exception {
		Map<String, String> told = intake.told();
		try (Connection db = cluster.database()) {
			Map<String, String> stored = new HashMap<>();
			try (ResultSet rows = db.createStatement().executeQuery("""
					select r.idempotency_key, m.tracking_no from intake_request r join matter m on m.id = r.matter_id
					where r.caller = 'hotline-system'""")) {
				while (rows.next()) {
					stored.put(rows.getString(1), rows.getString(2));
				}
			}
			for (var answer : told.entrySet()) {
				assertThat(stored.get(answer.getKey())).as("the matter of key %s", answer.getKey()).isEqualTo(answer.getValue());
			}
			Set<String> toldNumbers = new HashSet<>(told.values());
			assertThat(toldNumbers).as("no two keys were told one matter").hasSize(told.size());
			long withProcess = single(db, "select count(*) from matter m where m.tracking_no in (" + quoted(toldNumbers) + ")"
					+ " and exists (select 1 from act_ru_execution x where x.proc_inst_id_ = m.process_instance_id)");
			assertThat(withProcess).as("told matters with their process running").isEqualTo(toldNumbers.size());
			Set<String> untold = new HashSet<>();
			stored.forEach((key, trackingNo) -> {
				if (key.startsWith(intake.prefix) && !told.containsKey(key)) {
					untold.add(trackingNo);
				}
			});
			assertThat(untold).as("matters no client was told about").isEmpty();
			assertThat(single(db, "select count(*) from matter m where not exists (select 1 from intake_request r where r.matter_id = m.id)"))
				.as("matters without an intake request").isZero();
		}
	}

	private static int health(int port, String probe) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/" + probe))
			.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** Moves every sign-for warning timer to now; the tracking numbers of their matters. */
	private Set<String> warningsDueNow() throws Exception {
		try (Connection db = cluster.database()) {
			Set<String> matters = new HashSet<>();
			try (ResultSet rows = db.createStatement().executeQuery("""
					select m.tracking_no from act_ru_job j join matter m on m.process_instance_id = j.process_instance_id_
					where j.handler_cfg_ = 'timer_signForWarning' and j.lock_owner_ is null""")) {
				while (rows.next()) {
					matters.add(rows.getString(1));
				}
			}
			db.createStatement().executeUpdate("update act_ru_job set duedate_ = now() where handler_cfg_ = 'timer_signForWarning'"
					+ " and lock_owner_ is null and process_instance_id_ in (select process_instance_id from matter where tracking_no in ("
					+ quoted(matters) + "))");
			return matters;
		}
	}

	/** Until nothing is due, locked or waiting in the outbox. */
	private void awaitSettled(Duration atMost) throws Exception {
		await(atMost, () -> {
			try (Connection db = cluster.database()) {
				return single(db, "select count(*) from act_ru_job where duedate_ <= now() and retries_ > 0") == 0
						&& single(db, "select count(*) from act_ru_job where lock_owner_ is not null") == 0
						&& single(db, "select count(*) from notification_delivery where state = 'pending'") == 0;
			}
			catch (Exception unreachable) {
				return false;
			}
		});
	}

	private static void await(Duration atMost, BooleanSupplier condition) throws InterruptedException {
		Instant giveUp = Instant.now().plus(atMost);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(giveUp)) {
				throw new AssertionError("not settled within " + atMost);
			}
			Thread.sleep(500);
		}
	}

	private static void postgres(String action) throws Exception {
		String version = new String(new ProcessBuilder("ls", "/etc/postgresql").start().getInputStream().readAllBytes()).strip().split("\\s+")[0];
		Process process = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action).inheritIO().start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as("pg_ctlcluster " + action).isTrue();
	}

	private static long single(Connection db, String sql) throws Exception {
		try (ResultSet rows = db.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static Map<String, Integer> counts(Connection db, String sql) throws Exception {
		Map<String, Integer> counts = new HashMap<>();
		try (ResultSet rows = db.createStatement().executeQuery(sql)) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getInt(2));
			}
		}
		return counts;
	}

	private static String quoted(Set<String> values) {
		return values.isEmpty() ? "''" : String.join(",", values.stream().map(value -> "'" + value.replace("'", "''") + "'").toList());
	}

	/**
	 * County systems registering matters through the facade, each request with an Idempotency-Key, spread over
	 * the nodes; a request that fails (connection refused or reset, 503, 409 while the first is in flight) is sent
	 * again with the same key to the next node until it is answered.
	 */
	static final class Intake implements AutoCloseable {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

		private final String prefix;

		private final List<Integer> ports;

		private final ExecutorService clients;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicInteger sequence = new AtomicInteger();

		private final Map<String, String> told = new ConcurrentHashMap<>();

		private final Set<String> unanswered = ConcurrentHashMap.newKeySet();

		private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

		private final AtomicBoolean problemDetails503 = new AtomicBoolean(true);

		private volatile Instant retryUntil = Instant.MAX;

		/**
		 * {@code clientCount} clients sending to {@code ports} in turn, their Idempotency-Keys starting with
		 * {@code prefix}, their matters numbered from {@code first} (each with a reporter phone of its own, so none
		 * is taken for a repeat of another).
		 */
		Intake(String prefix, int first, List<Integer> ports, int clientCount) {
			this.prefix = prefix;
			this.sequence.set(first);
			this.ports = ports;
			this.clients = Executors.newFixedThreadPool(Math.max(1, clientCount));
			for (int client = 0; client < clientCount; client++) {
				clients.submit(this::client);
			}
		}

		private void client() {
			while (running.get()) {
				int n = sequence.incrementAndGet();
				String key = prefix + n;
				unanswered.add(key);
				for (int attempt = 0; ; attempt++) {
					if (Instant.now().isAfter(retryUntil)) {
						return;
					}
					try {
						var answer = register(http, ports.get((n + attempt) % ports.size()), key, n);
						statuses.computeIfAbsent(answer.statusCode(), any -> new AtomicInteger()).incrementAndGet();
						if (answer.statusCode() == 503 && (!answer.headers().firstValue("Content-Type").orElse("").contains("problem+json")
								|| answer.headers().firstValue("Retry-After").isEmpty())) {
							problemDetails503.set(false);
						}
						if (answer.statusCode() == 201 || answer.statusCode() == 200) {
							told.put(key, JSON.readTree(answer.body()).path("trackingNo").asText());
							unanswered.remove(key);
							break;
						}
						if (answer.statusCode() != 503 && answer.statusCode() != 409) {
							break; // an answer that a retry will not change: counted, left unanswered
						}
					}
					catch (java.io.IOException connectionLost) {
						statuses.computeIfAbsent(-1, any -> new AtomicInteger()).incrementAndGet();
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (Exception unexpected) {
						throw new IllegalStateException(unexpected);
					}
					pause(200);
				}
				pause(50);
			}
		}

		static HttpResponse<String> register(HttpClient http, int port, String key, int n) throws Exception {
			String body = """
					{"channel": "hotline", "type": "complaint", "category": "road-damage", "urgency": "normal",
					 "description": "青石镇中心路第 %d 号路段出现坑洼，影响通行", "unit": "qingshi",
					 "location": {"address": "青石镇中心路 %d 号"}, "reporter": {"name": "测试", "phone": "139%08d"}}"""
				.formatted(n, n, n);
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/matters"))
				.timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Idempotency-Key", key)
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("hotline-system:demo".getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		}

		/** Stops starting new requests; lets those started retry for at most {@code atMost}. */
		void finish(Duration atMost) throws InterruptedException {
			retryUntil = Instant.now().plus(atMost);
			running.set(false);
			clients.shutdown();
			clients.awaitTermination(atMost.toSeconds() + 30, TimeUnit.SECONDS);
		}

		Map<String, String> told() {
			return told;
		}

		Set<String> unanswered() {
			return unanswered;
		}

		Map<Integer, Integer> statuses() {
			Map<Integer, Integer> seen = new HashMap<>();
			statuses.forEach((status, count) -> seen.put(status, count.get()));
			return seen;
		}

		boolean problemDetails503() {
			return problemDetails503.get();
		}

		private static void pause(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() throws InterruptedException {
			running.set(false);
			clients.shutdownNow();
		}

	}

}
