package org.civicloop.matter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.Webapp;
import org.civicloop.matter.model.MatterHandling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One way to start a matter in Tasklist: the start dialog offers the county's process only, and a start form
 * submitted to it runs on the definition of the unit chosen in the form — a village's own variant, or the
 * county's — over the webapps' API as Tasklist sends it and over {@code /engine-rest} alike.
 */
@CivicLoopTest
class StartFormRoutingIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final AtomicInteger PHONES = new AtomicInteger(4000);

	private static final String VILLAGE = "xinqiao";

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	Matters matters;

	private Http http;

	private String variantDefinition;

	/** Matters started here, ended afterwards so other tests' task lists stay as they were. */
	private final java.util.List<String> started = new java.util.ArrayList<>();

	@BeforeEach
	void theVillageRunsAVariantOfItsOwn() throws Exception {
		http = new Http(port);
		var process = Files.readAllBytes(Path.of("processes/matter-handling.bpmn"));
		var deployed = http.multipart("designer", "/api/units/" + VILLAGE + "/variants", Map.of("note", "一个入口"),
				Map.of("matter-handling.bpmn", process), name -> "files");
		assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
		for (JsonNode definition : JSON.readTree(deployed.body()).path("definitions")) {
			if (definition.path("key").asText().equals(MatterHandling.PROCESS_KEY)) {
				variantDefinition = definition.path("id").asText();
			}
		}
		assertThat(variantDefinition).isNotNull();
	}

	@AfterEach
	void theVillageInheritsAgain() {
		started.forEach(id -> runtime.deleteProcessInstance(id, "test finished", true, true));
		var reset = http.send(http.request("designer", "/api/units/" + VILLAGE + "/variants/active").DELETE().build());
		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
	}

	@Test
	void tasklistOffersOnlyTheCountysProcessAndTheUnitInTheFormPicksTheDefinition() throws Exception {
		var tasklist = Webapp.login(port, "tasklist", "operator", "demo");
		var startable = JSON.readTree(tasklist.engine("GET", "/process-definition?latestVersion=true&active=true"
				+ "&startableInTasklist=true&startablePermissionCheck=true&firstResult=0&maxResults=100", null).body());
		assertThat(startable.findValuesAsText("key")).containsExactly(MatterHandling.PROCESS_KEY);
		assertThat(startable.get(0).path("tenantId").isNull()).isTrue();
		String county = startable.get(0).path("id").asText();

		var village = tasklist.engine("POST", "/process-definition/" + county + "/submit-form", startForm(VILLAGE));
		var town = tasklist.engine("POST", "/process-definition/" + county + "/submit-form", startForm("liuwan"));

		assertThat(village.statusCode()).as(village.body()).isEqualTo(200);
		assertThat(JSON.readTree(village.body()).path("definitionId").asText()).isEqualTo(variantDefinition);
		assertRunsOn(JSON.readTree(village.body()), variantDefinition, VILLAGE);
		assertThat(town.statusCode()).as(town.body()).isEqualTo(200);
		assertRunsOn(JSON.readTree(town.body()), county, null);
	}

	@Test
	void theEngineRestApiStartsByKeyTheSameWayAndStillChecksTheCallerAndTheForm() throws Exception {
		var byKey = http.postJson("dispatcher", "/engine-rest/process-definition/key/matter-handling/submit-form", startForm(VILLAGE));
		assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
		assertRunsOn(JSON.readTree(byKey.body()), variantDefinition, VILLAGE);

		long before = matters.count();
		var unknownUnit = http.postJson("dispatcher", "/engine-rest/process-definition/key/matter-handling/submit-form",
				startForm("atlantis"));
		var notAllowed = http.postJson("transport.he", "/engine-rest/process-definition/key/matter-handling/submit-form",
				startForm(VILLAGE));
		assertThat(unknownUnit.statusCode()).as(unknownUnit.body()).isEqualTo(400);
		assertThat(unknownUnit.body()).contains("unit");
		assertThat(notAllowed.statusCode()).as(notAllowed.body()).isEqualTo(403);
		assertThat(matters.count()).isEqualTo(before);
	}

	@Test
	void aVariantIsNotOfferedInTheStartDialogOnItsOwn() {
		var definition = repository.getProcessDefinition(variantDefinition);
		assertThat(definition.getTenantId()).isEqualTo(VILLAGE);
		assertThat(definition.isStartableInTasklist()).isFalse();
		assertThat(repository.createProcessDefinitionQuery().startableInTasklist().processDefinitionKey(MatterHandling.PROCESS_KEY)
			.list()).allSatisfy(startable -> assertThat(startable.getTenantId()).isNull());
	}

	private void assertRunsOn(JsonNode started, String definitionId, String tenant) {
		var instance = history.createHistoricProcessInstanceQuery().processInstanceId(started.path("id").asText()).singleResult();
		this.started.add(instance.getId());
		assertThat(instance.getProcessDefinitionId()).isEqualTo(definitionId);
		assertThat(instance.getTenantId()).isEqualTo(tenant);
		assertThat(matters.byTrackingNo(instance.getBusinessKey())).isPresent();
	}

	private static String startForm(String unit) throws Exception {
		var variables = new LinkedHashMap<String, Object>();
		Map.of("channel", "hotline", "matterType", "complaint", "category", "street-light", "urgency", "normal",
				"description", "社区路灯整排不亮已有一周", "unit", unit, "address", "社区3号楼",
				"reporterName", "林测试", "reporterPhone", "1391234" + PHONES.incrementAndGet())
			.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
		return JSON.writeValueAsString(Map.of("variables", variables));
	}

}
