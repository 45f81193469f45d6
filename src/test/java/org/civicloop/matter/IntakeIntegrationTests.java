package org.civicloop.matter;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.engine.MatterProcess;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/matters through staff reads to the citizen's public progress and rating, over real HTTP. */
@CivicLoopTest
class IntakeIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final AtomicInteger PHONES = new AtomicInteger(1000);

	@LocalServerPort
	int port;

	@Autowired
	MatterProcess process;

	@Autowired
	RuntimeService runtime;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMatterGoesFromIntakeToAClosedPublicProgressPage() throws Exception {
		Http http = new Http(port);
		String reporterPhone = phone();
		var created = http.postJson("hotline-system", "/api/matters", report("road-damage", "qingshi", reporterPhone, "QS-ST-01", null));

		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode answer = JSON.readTree(created.body());
		String trackingNo = answer.path("trackingNo").asText();
		assertThat(created.headers().firstValue("Location")).contains("/api/matters/" + trackingNo);
		assertThat(trackingNo).matches("CL\\d{8}\\d{6,}");
		assertThat(answer.path("duplicateOf").isNull()).isTrue();
		assertThat(answer.path("stage").asText()).as("the answer reads the record as registration left it").isEqualTo("sign-for");

		work(trackingNo, "task_signFor", "transport.he", Map.of("signForDecision", "sign"));
		work(trackingNo, "task_handle", "transport.he", Map.of("handlingResult", "resolved", "handlingReply", "已修复路面并回复群众"));
		work(trackingNo, "task_review", "dispatcher", Map.of("reviewDecision", "accept"));
		var rated = http.postJson(null, "/api/public/matters/" + trackingNo + "/evaluation", """
				{"token": "%s", "satisfaction": "satisfied", "resolved": true, "comment": "很满意"}"""
			.formatted(answer.path("evaluationToken").asText()));
		assertThat(rated.statusCode()).isEqualTo(204);

		assertThat(http.get(null, "/api/public/matters/" + trackingNo).statusCode()).as("without token or phone").isEqualTo(404);
		assertThat(http.get(null, "/api/public/matters/" + trackingNo + "?token=AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
		assertThat(http.get(null, "/api/public/matters/" + trackingNo + "?phone=13900000000").statusCode()).isEqualTo(404);
		assertThat(http.get(null, "/api/public/matters/" + trackingNo + "?phone=" + reporterPhone).statusCode()).isEqualTo(200);
		var progress = http.get(null, answer.path("publicProgress").asText());
		assertThat(progress.statusCode()).isEqualTo(200);
		JsonNode page = JSON.readTree(progress.body());
		assertThat(page.path("status").asText()).isEqualTo("closed");
		assertThat(page.path("stage").asText()).isEqualTo("closed");
		assertThat(page.path("responsibleDepartment").asText()).isEqualTo("县交通运输局");
		assertThat(page.path("reporterPhone").asText()).matches("13\\d\\*{4}\\d{4}");
		assertThat(page.findValuesAsText("event")).contains("registered", "signed", "handled", "citizen_evaluated", "closed");
		assertThat(progress.body()).doesNotContain("transport.he").doesNotContain("测试者").doesNotContain("中心路1号");

		var staff = JSON.readTree(http.get("dispatcher", "/api/matters/" + trackingNo).body());
		assertThat(staff.findValuesAsText("cadre")).contains("transport.he", "dispatcher");
		assertThat(staff.path("reporter").asText()).startsWith("测*");
	}

	@Test
	void evaluationsSentAtOnceCountOnceAndTheOthersGetAConflict() throws Exception {
		Http http = new Http(port);
		JsonNode answer = JSON.readTree(http.postJson("hotline-system", "/api/matters", report("road-damage", "qingshi", phone(), "QS-ST-01", null))
			.body());
		String trackingNo = answer.path("trackingNo").asText();
		work(trackingNo, "task_signFor", "transport.he", Map.of("signForDecision", "sign"));
		work(trackingNo, "task_handle", "transport.he", Map.of("handlingResult", "resolved", "handlingReply", "已修复路面并回复群众"));
		work(trackingNo, "task_review", "dispatcher", Map.of("reviewDecision", "accept"));
		String rating = """
				{"token": "%s", "satisfaction": "satisfied", "resolved": true, "comment": "很满意"}""".formatted(answer.path("evaluationToken").asText());
		var ready = new java.util.concurrent.CountDownLatch(1);
		var attempts = java.util.stream.IntStream.range(0, 4).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				ready.await();
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
			return http.postJson(null, "/api/public/matters/" + trackingNo + "/evaluation", rating).statusCode();
		})).toList();
		ready.countDown();
		var statuses = attempts.stream().map(java.util.concurrent.CompletableFuture::join).sorted().toList();

		assertThat(statuses).as("one evaluation taken, the others refused, never a 500").containsExactly(204, 409, 409, 409);
		assertThat(jdbc.sql("select count(*) from matter_event e join matter m on m.id = e.matter_id where m.tracking_no = :no"
				+ " and e.kind = 'CITIZEN_EVALUATED'").param("no", trackingNo).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void badInputNamesEveryBadFieldAndCreatesNothing() throws Exception {
		Http http = new Http(port);
		long before = count();
		String bad = """
				{"channel": "fax", "type": "complaint", "category": "teleportation", "urgency": "normal", "description": "",
				 "unit": "atlantis", "location": {"latitude": 95.0, "longitude": 200.0}, "reporter": {"name": "", "phone": "12"}}""";

		var response = http.postJson("hotline-system", "/api/matters", bad);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		JsonNode errors = JSON.readTree(response.body()).path("errors");
		assertThat(errors.fieldNames()).toIterable().contains("channel", "category", "description", "unit", "latitude",
				"longitude", "reporterName", "reporterPhone");
		assertThat(http.postJson("hotline-system", "/api/matters", "{not json").statusCode()).isEqualTo(400);
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aTenMegabyteBodyAndDeeplyNestedJsonAreRefusedAndCreateNothing() {
		Http http = new Http(port);
		long before = count();
		String huge = "{\"description\":\"" + "长".repeat(3_500_000) + "\"}";
		String deep = "{\"location\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}";

		var tooBig = http.postJson("hotline-system", "/api/matters", huge);
		var tooDeep = http.postJson("hotline-system", "/api/matters", deep);

		assertThat(tooBig.statusCode()).isEqualTo(413);
		assertThat(tooDeep.statusCode()).isEqualTo(400);
		assertThat(tooDeep.body()).doesNotContain("org.civicloop").doesNotContain("jackson");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void htmlInTheDescriptionIsStoredVerbatimAndServedAsJsonText() throws Exception {
		Http http = new Http(port);
		String naughty = "<script>alert('x')</script> \\\" ' ; DROP TABLE matter; -- 𝕏 ‮";
		var created = http.postJson("hotline-system", "/api/matters", report("noise", "hebin", phone(), "LW-HB-02", naughty));
		String trackingNo = JSON.readTree(created.body()).path("trackingNo").asText();

		var read = http.get("dispatcher", "/api/matters/" + trackingNo);
		assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(JSON.readTree(read.body()).path("description").asText()).isEqualTo(naughty);
	}

	@Test
	void retriesWithOneIdempotencyKeyArrivingAtOnceRegisterOneMatter() throws Exception {
		Http http = new Http(port);
		String body = report("garbage", "shangtang", phone(), "QS-ST-02", null);
		String key = "retry-" + System.nanoTime();
		var start = new CountDownLatch(1);
		long before = count();

		List<CompletableFuture<HttpResponse<String>>> retries = java.util.stream.IntStream.range(0, 5)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> {
				HttpRequest request = http.request("wechat-system", "/api/matters").header("Content-Type", "application/json")
					.header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return http.send(request);
			}))
			.toList();
		start.countDown();
		List<HttpResponse<String>> answers = retries.stream().map(CompletableFuture::join).toList();

		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
		assertThat(answers.stream().map(r -> trackingNoOf(r.body())).distinct()).hasSize(1);
		assertThat(answers.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isPresent())).hasSize(4);
		assertThat(count()).isEqualTo(before + 1);
		String trackingNo = trackingNoOf(answers.get(0).body());
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(trackingNo).count()).isOne();
	}

	@Test
	void aRepeatFromTheSameReporterInTheSameGridJoinsTheOpenMatter() throws Exception {
		Http http = new Http(port);
		String phone = phone();
		String first = trackingNoOf(http.postJson("hotline-system", "/api/matters", report("street-light", "hebin", phone, "LW-HB-01", null)).body());
		long before = count();

		var repeat = http.postJson("hotline-system", "/api/matters", report("street-light", "hebin", phone, "LW-HB-01", "路灯还是不亮，已经一周了"));

		assertThat(repeat.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(repeat.body()).path("duplicateOf").asText()).isEqualTo(first);
		assertThat(count()).isEqualTo(before);
		var original = JSON.readTree(http.get("dispatcher", "/api/matters/" + first).body());
		assertThat(original.findValuesAsText("kind")).contains("REPEATED");
	}

	@Test
	void anotherSystemIsToldNothingOfAMatterItMayNotSeeAndWritesNothingOnIt() throws Exception {
		Http http = new Http(port);
		String phone = phone();
		String first = trackingNoOf(http.postJson("hotline-system", "/api/matters", report("street-light", "hebin", phone, "LW-HB-02", null)).body());
		int entries = JSON.readTree(http.get("dispatcher", "/api/matters/" + first).body()).path("timeline").size();

		var other = http.postJson("wechat-system", "/api/matters", report("street-light", "hebin", phone, "LW-HB-02", "恶意追加的文字"));

		assertThat(other.statusCode()).as("a matter of its own").isEqualTo(201);
		assertThat(other.body()).doesNotContain(first);
		var original = JSON.readTree(http.get("dispatcher", "/api/matters/" + first).body());
		assertThat(original.path("timeline").size()).isEqualTo(entries);
		assertThat(original.toString()).doesNotContain("恶意追加的文字");
	}

	@Test
	void aRepeatFartherThanTheDistanceOrOfAMatterClosedLongAgoIsANewMatter() throws Exception {
		Http http = new Http(port);
		String phone = phone();
		String near = reportAt("pollution", "xiatang", phone, 30.00000, 120.00000);
		String first = trackingNoOf(http.postJson("hotline-system", "/api/matters", near).body());
		var close = http.postJson("hotline-system", "/api/matters", reportAt("pollution", "xiatang", phone, 30.00100, 120.00000));
		var far = http.postJson("hotline-system", "/api/matters", reportAt("pollution", "xiatang", phone, 30.01000, 120.00000));
		assertThat(JSON.readTree(close.body()).path("duplicateOf").asText()).as("111 m away").isEqualTo(first);
		assertThat(far.statusCode()).as("1.1 km away").isEqualTo(201);

		String other = phone();
		String old = trackingNoOf(http.postJson("hotline-system", "/api/matters", report("heating", "liuwan", other, "LW-XQ-01", null)).body());
		jdbc.sql("update matter set closed_at = :at, stage = 'closed' where tracking_no = :no")
			.param("at", java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(30)))).param("no", old).update();
		var afterLongClosed = http.postJson("hotline-system", "/api/matters", report("heating", "liuwan", other, "LW-XQ-01", null));
		assertThat(afterLongClosed.statusCode()).isEqualTo(201);
	}

	@Test
	void staffSeeOnlyTheMattersTheirJobCovers() throws Exception {
		Http http = new Http(port);
		String urban = trackingNoOf(http.postJson("hotline-system", "/api/matters", report("street-light", "qinghe", phone(), null, null)).body());
		String village = trackingNoOf(http.postJson("hotline-system", "/api/matters", report("garbage", "shangtang", phone(), null, null)).body());

		assertThat(http.get("urban.wang", "/api/matters/" + urban).statusCode()).isEqualTo(200);
		assertThat(http.get("housing.li", "/api/matters/" + urban).statusCode()).isEqualTo(404);
		assertThat(http.get("shangtang.yang", "/api/matters/" + village).statusCode()).isEqualTo(200);
		assertThat(http.get("shangtang.yang", "/api/matters/" + urban).statusCode()).isEqualTo(404);
		assertThat(http.get("qingshi.shen", "/api/matters/" + village).statusCode()).as("the town office").isEqualTo(200);
		assertThat(http.get("wechat-system", "/api/matters/" + urban).statusCode()).as("another system's matter").isEqualTo(404);
		assertThat(http.get("hotline-system", "/api/matters/" + urban).statusCode()).isEqualTo(200);
		assertThat(http.postJson("housing.li", "/api/matters", report("noise", "hebin", phone(), null, null)).statusCode()).isEqualTo(403);

		JsonNode list = JSON.readTree(http.get("dispatcher", "/api/matters?unit=qingshi&category=garbage&size=100").body());
		assertThat(list.findValuesAsText("trackingNo")).contains(village).doesNotContain(urban);
		assertThat(list.path("total").asLong()).isPositive();
		JsonNode urbanList = JSON.readTree(http.get("urban.wang", "/api/matters?size=100").body());
		assertThat(urbanList.findValuesAsText("trackingNo")).contains(urban, village);
		JsonNode housingList = JSON.readTree(http.get("housing.li", "/api/matters?department=dept-urban").body());
		assertThat(housingList.path("total").asLong()).isZero();
		JsonNode coHandled = JSON.readTree(http.get("dispatcher", "/api/matters?department=dept-urban&unit=shangtang&size=100").body());
		assertThat(coHandled.findValuesAsText("trackingNo")).as("the village's office leads, the county's urban management co-handles")
			.contains(village);
		assertThat(coHandled.path("totalCapped").asBoolean()).isFalse();
		var led = JSON.readTree(http.get("dispatcher", "/api/matters?department=dept-urban&size=1&page=0").body());
		var next = JSON.readTree(http.get("dispatcher", "/api/matters?department=dept-urban&size=1&page=1").body());
		assertThat(led.path("total").asLong()).as("led and co-handled, merged").isGreaterThanOrEqualTo(2);
		assertThat(led.path("items").get(0).path("trackingNo").asText()).as("pages of the merged list")
			.isNotEqualTo(next.path("items").get(0).path("trackingNo").asText());
		assertThat(java.time.Instant.parse(led.path("items").get(0).path("registeredAt").asText()))
			.isAfterOrEqualTo(java.time.Instant.parse(next.path("items").get(0).path("registeredAt").asText()));
		assertThat(http.get("dispatcher", "/api/matters?sort=description,asc").statusCode()).isEqualTo(400);
	}

	private void work(String trackingNo, String taskKey, String cadre, Map<String, Object> input) {
		Task task = process.openTasks(trackingNo).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey)).findFirst()
			.orElseThrow();
		process.work(task.getId(), cadre, input);
	}

	private long count() {
		return jdbc.sql("select count(*) from matter").query(Long.class).single();
	}

	private static String trackingNoOf(String body) {
		try {
			return JSON.readTree(body).path("trackingNo").asText();
		}
		catch (Exception ex) {
			throw new IllegalStateException(body, ex);
		}
	}

	private static String phone() {
		return "1391234" + PHONES.incrementAndGet();
	}

	private static String report(String category, String unit, String phone, String grid, String description) throws Exception {
		return JSON.writeValueAsString(Map.of("channel", "hotline", "type", "complaint", "category", category, "urgency",
				"normal", "description", description == null ? "测试诉求：问题需要尽快处理" : description, "unit", unit, "location",
				grid == null ? Map.of("address", "中心路1号") : Map.of("address", "中心路1号", "gridCode", grid), "reporter",
				Map.of("name", "测试者", "phone", phone)));
	}

	private static String reportAt(String category, String unit, String phone, double latitude, double longitude) throws Exception {
		return JSON.writeValueAsString(Map.of("channel", "mini-program", "type", "complaint", "category", category,
				"urgency", "normal", "description", "河道有异味，疑似排污", "unit", unit, "location",
				Map.of("address", "河边", "latitude", latitude, "longitude", longitude), "reporter",
				Map.of("name", "测试者", "phone", phone)));
	}

}
