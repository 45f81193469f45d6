package org.civicloop.variant;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.RepositoryService;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicloop.variant.Models.*;

/**
 * Every malicious model refused the same way through the variants facade and through
 * {@code /engine-rest/deployment/create} (Camunda Modeler's path), with nothing deployed, and the
 * engine still serving afterwards.
 */
@CivicLoopTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class VariantGuardrailsIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry metrics;

	Http http;

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("org.civicloop.variant.MaliciousModels#all")
	void refusedThroughTheFacadeAndThroughTheEngineRestApiAlike(MaliciousModels.Case malicious) throws Exception {
		long deployments = repository.createDeploymentQuery().count();

		HttpResponse<String> facade = http.multipart("shangtang.admin", "/api/units/shangtang/variants",
				Map.of("note", malicious.name()), malicious.files(), name -> "files");
		HttpResponse<String> modeler = http.deploy("shangtang.admin", "shangtang", malicious.files());

		if (malicious.rule() == null) {
			assertThat(facade.statusCode()).as(facade.body()).isEqualTo(413);
			assertThat(modeler.statusCode()).as(modeler.body()).isEqualTo(413);
		}
		else {
			assertThat(facade.statusCode()).as(facade.body()).isEqualTo(422);
			assertThat(JSON.readTree(facade.body()).path("violations").findValuesAsText("rule")).contains(malicious.rule());
			assertThat(modeler.statusCode()).as(modeler.body()).isEqualTo(400);
			assertThat(modeler.body()).contains("部署被 CivicLoop 护栏规则拒绝：", "[" + malicious.rule() + "] ");
		}
		assertThat(repository.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
	}

	@Test
	void aRefusedDeploymentIsLoggedOnceAsTheCallersErrorNotAsTheEnginesFailure(org.springframework.boot.test.system.CapturedOutput output) {
		var files = new java.util.LinkedHashMap<>(files(PROCESS, replace(process(), "camunda:delegateExpression=\"${closeMatterDelegate}\"",
				"camunda:class=\"x.Y\"")));
		files.putAll(forms());
		int before = output.getAll().length();
		double counted = metrics.counter("civicloop.guardrails.refused", "rule", "java-class").count();

		assertThat(http.deploy("shangtang.admin", "shangtang", files).statusCode()).isEqualTo(400);

		assertThat(metrics.counter("civicloop.guardrails.refused", "rule", "java-class").count()).as("operators see it counted")
			.isEqualTo(counted + 1);
		String logged = output.getAll().substring(before);
		assertThat(logged).contains("WARN").contains("refused by the guardrails: java-class,stage-missing")
			.doesNotContain("ENGINE-16004").doesNotContain(" ERROR ");
	}

	@Test
	void anotherUnitsTenantOrNoTenantIsForbiddenThroughBothEntrances() {
		long deployments = repository.createDeploymentQuery().count();
		var table = files(TIME_LIMITS, withRoadDamageSignFor(timeLimits(), 3));

		assertThat(http.multipart("shangtang.admin", "/api/units/hebin/variants", Map.of(), table, name -> "files").statusCode()).isEqualTo(403);
		assertThat(http.deploy("shangtang.admin", "hebin", table).statusCode()).isEqualTo(403);
		assertThat(http.deploy("shangtang.admin", null, table).statusCode()).isEqualTo(403);
		assertThat(http.deploy("housing.li", "shangtang", table).statusCode()).isEqualTo(403);
		assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("org.civicloop.variant.GuardrailsUnitTests#sharedCases")
	void aDesignersSharedDeploymentIsRefusedByTheRulesForEveryDeployment(MaliciousModels.Case malicious) {
		long deployments = repository.createDeploymentQuery().count();

		var refused = http.deploy("designer", null, malicious.files());

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("部署被 CivicLoop 护栏规则拒绝：", "[" + malicious.rule() + "] ");
		assertThat(repository.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
	}

	@Test
	void theCountysSharedDeploymentsGetTheNoCodeRules() {
		long deployments = repository.createDeploymentQuery().count();
		String classCall = replace(process(), "camunda:delegateExpression=\"${closeMatterDelegate}\"", "camunda:class=\"x.Y\"");
		var files = new java.util.LinkedHashMap<>(files(PROCESS, classCall));
		files.putAll(forms());

		var refused = http.deploy("designer", null, files);

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("[java-class] matter-handling.bpmn（task_closeMatter）：", "会加载 Java 类");
		assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
	}

	@AfterAll
	void theEngineStillServes() throws Exception {
		String report = JSON.writeValueAsString(Map.of("channel", "hotline", "type", "complaint", "category", "road-damage",
				"urgency", "normal", "description", "路面坑洼，车辆难行", "unit", "shangtang", "location", Map.of("address", "村口"),
				"reporter", Map.of("name", "测试者", "phone", "13900139000")));
		var created = new Http(port).postJson("hotline-system", "/api/matters", report);
		assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
	}

}
