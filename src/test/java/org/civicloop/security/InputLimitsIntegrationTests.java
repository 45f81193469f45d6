package org.civicloop.security;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.store.Timeline;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Oversized and hostile input is refused quickly, with problem details, and changes nothing; races do nothing twice. */
@CivicLoopTest
class InputLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	MatterProcess process;

	@Autowired
	Timeline timeline;

	/**
	 * Sent by curl, a separate process, so the heap measured here is the server's alone. Three times, the least
	 * growth counts: the rest of the application (jobs, the case library's refresh, H2's in-memory tables) may
	 * keep a few megabytes more during one of them, a server that kept the body would grow by 20 MB every time.
	 */
	@Test
	void aTwentyMegabyteUploadIsRefusedQuicklyWithTheHeapIntact() throws Exception {
		Http http = new Http(port);
		Path huge = Files.createTempFile("civicloop-huge", ".bpmn");
		Files.write(huge, new byte[20 * 1024 * 1024]);
		long deployments = repository.createDeploymentQuery().count();
		long leastGrowth = Long.MAX_VALUE;
		try {
			for (int attempt = 0; attempt < 3; attempt++) {
				long heapBefore = usedHeap();
				long started = System.nanoTime();
				Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{content_type}",
						"-u", "designer:demo", "-F", "deployment-name=huge", "-F", "data=@" + huge,
						"http://localhost:" + port + "/engine-rest/deployment/create").redirectErrorStream(true).start();
				String answer = new String(curl.getInputStream().readAllBytes()).strip();
				curl.waitFor(30, TimeUnit.SECONDS);
				long millis = (System.nanoTime() - started) / 1_000_000;
				leastGrowth = Math.min(leastGrowth, usedHeap() - heapBefore);
				assertThat(answer).isEqualTo("413 application/problem+json");
				assertThat(millis).as("refused within").isLessThan(5_000);
			}
		}
		finally {
			Files.delete(huge);
		}
		assertThat(leastGrowth).as("least heap growth while refusing 20 MB").isLessThan(8L * 1024 * 1024);
		assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
		assertThat(http.get(null, "/actuator/health").statusCode()).isEqualTo(200);
	}

	/** A body sent in chunks declares no length: the limit holds while it is read, through every entrance. */
	@Test
	void aChunkedMultipartBodyOverTheLimitIsRefusedTooAndDeploysNothing() throws Exception {
		Path big = Files.createTempFile("civicloop-chunked", ".dmn");
		Files.write(big, new byte[5 * 1024 * 1024]);
		long deployments = repository.createDeploymentQuery().count();
		try {
			for (String[] target : List.of(new String[] { "/api/units/shangtang/variants", "files" },
					new String[] { "/engine-rest/deployment/create", "data" })) {
				Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "shangtang.admin:demo",
						"-H", "Transfer-Encoding: chunked", "-F", "deployment-name=chunked", "-F", "tenant-id=shangtang",
						"-F", target[1] + "=@" + big, "http://localhost:" + port + target[0]).redirectErrorStream(true).start();
				String status = new String(curl.getInputStream().readAllBytes()).strip();
				curl.waitFor(30, TimeUnit.SECONDS);
				assertThat(status).as(target[0]).isEqualTo("413");
			}
		}
		finally {
			Files.delete(big);
		}
		assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
	}

	@Test
	void workingATaskOneNeverHadIsNotFoundWhetherItExistsOrNot() {
		Http http = new Http(port);
		Matter matter = process.register(new NewMatter("hotline", "complaint", "street-light", "normal",
				"路灯不亮已经四天了", "qinghe", "测试路", null, new Contact("郑测试", "13733336666")), "operator");
		Task signFor = process.openTasks(matter.trackingNo()).get(0);
		String sign = "{\"variables\":{\"signForDecision\":{\"value\":\"sign\"}}}";

		var open = http.postJson("housing.li", "/engine-rest/task/" + signFor.getId() + "/complete", sign);
		assertThat(http.postJson("urban.wang", "/engine-rest/task/" + signFor.getId() + "/complete", sign).statusCode()).isEqualTo(204);
		var done = http.postJson("housing.li", "/engine-rest/task/" + signFor.getId() + "/complete", sign);
		var never = http.postJson("housing.li", "/engine-rest/task/no-such-task/complete", sign);
		var lostRace = http.postJson("urban.sun", "/engine-rest/task/" + signFor.getId() + "/complete", sign);

		for (var answer : List.of(open, done, never)) {
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
			assertThat(answer.body()).contains("that you may work on");
		}
		assertThat(lostRace.statusCode()).as("a cadre it was offered to learns it was done").isEqualTo(409);
	}

	@Test
	void deeplyNestedJsonIsRefusedWithProblemDetailsThatNameNoClass() {
		Http http = new Http(port);
		String deep = "{\"variables\":" + "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000) + "}";

		var engineRest = http.postJson("operator", "/engine-rest/process-definition/key/matter-handling/start", deep);
		var api = http.postJson("operator", "/api/public/categories", deep);

		assertThat(engineRest.statusCode()).isEqualTo(400);
		assertThat(engineRest.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(engineRest.body()).doesNotContain("org.camunda").doesNotContain("Dto").doesNotContain("at ");
		assertThat(api.statusCode()).isBetween(400, 499);
	}

	@Test
	void twoCadresCompletingOneTaskAtOnceDoItOnceAndTheLaterGetsAConflict() throws Exception {
		Http http = new Http(port);
		Matter matter = process.register(new NewMatter("hotline", "complaint", "street-light", "normal",
				"路灯不亮已经三天了", "qinghe", "测试路", null, new Contact("吴测试", "13733335555")), "operator");
		Task signFor = process.openTasks(matter.trackingNo()).get(0);
		String body = "{\"variables\":{\"signForDecision\":{\"value\":\"return\"},\"returnReason\":{\"value\":\"not-our-area\"},"
				+ "\"returnNote\":{\"value\":\"不属于本辖区\"}}}";
		var ready = new CountDownLatch(1);

		List<CompletableFuture<Integer>> attempts = List.of("urban.wang", "urban.sun").stream()
			.map(cadre -> CompletableFuture.supplyAsync(() -> {
				HttpRequest request = http.request(cadre, "/engine-rest/task/" + signFor.getId() + "/complete")
					.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
				await(ready);
				return http.send(request).statusCode();
			}))
			.toList();
		ready.countDown();
		List<Integer> statuses = attempts.stream().map(CompletableFuture::join).sorted().toList();

		assertThat(statuses).containsExactly(204, 409);
		assertThat(timeline.of(matter.id()).stream().filter(entry -> entry.kind() == Timeline.Kind.RETURNED)).hasSize(1);
		assertThat(process.openTasks(matter.trackingNo())).extracting(Task::getTaskDefinitionKey)
			.containsExactly("task_redispatch");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long usedHeap() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
