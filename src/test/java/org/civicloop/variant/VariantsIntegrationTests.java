package org.civicloop.variant;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.calendar.BusinessCalendar;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.civicloop.variant.Models.*;

/**
 * Units' variants over the facade, on the real engine and database: a village deploys an on-site
 * verification step and a tighter limit, sees the diff, runs matters on it and rolls it back;
 * inheritance village → town → county per key; history; migration of running matters.
 */
@CivicLoopTest
class VariantsIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final AtomicInteger PHONES = new AtomicInteger(5000);

	@LocalServerPort
	int port;

	@Autowired
	BusinessCalendar calendar;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	MatterProcess process;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Directory directory;

	Http http;

	/** Matters this test started, ended afterwards so other tests' task lists stay as they were. */
	private final List<String> started = new ArrayList<>();

	@org.junit.jupiter.api.AfterEach
	void endTheMattersStartedHere() {
		for (String trackingNo : started) {
			ProcessInstance instance = instance(trackingNo);
			if (instance != null) {
				runtime.deleteProcessInstance(instance.getId(), "test finished", true, true);
			}
		}
		everyUnitInheritsAgain();
	}

	@BeforeEach
	void everyUnitInheritsAgain() {
		http = new Http(port);
		for (Unit unit : directory.units()) {
			var reset = http.send(http.request("designer", "/api/units/" + unit.id() + "/variants/active").DELETE().build());
			assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
		}
	}

	@Test
	void aVillageAddsOnSiteVerificationTightensALimitSeesTheDiffRunsMattersOnItAndRollsItBack() throws Exception {
		var variant = files(PROCESS, withOnSiteVerification(process(), "unit-shangtang"), TIME_LIMITS,
				withRoadDamageSignFor(timeLimits(), 2));

		var validation = post("shangtang.admin", "/api/units/shangtang/variants/validation", variant, null);
		assertThat(validation.statusCode()).as(validation.body()).isEqualTo(200);

		var deployed = post("shangtang.admin", "/api/units/shangtang/variants", variant, "现场核实；道路损坏2小时签收");
		assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
		JsonNode body = JSON.readTree(deployed.body());
		String variantId = body.path("id").asText();
		assertThat(deployed.headers().firstValue("Location")).contains("/api/units/shangtang/variants/" + variantId);
		assertThat(body.path("definitions").findValuesAsText("key")).containsExactlyInAnyOrder("matter-handling", "time-limits");
		assertThat(body.path("deployedBy").asText()).isEqualTo("shangtang.admin");

		JsonNode diff = JSON.readTree(http.get("shangtang.admin", "/api/units/shangtang/variants/" + variantId + "/diff?against=base").body());
		assertThat(diff.path("matter-handling").path("added").findValuesAsText("id")).contains("task_onSiteVerification", "flow_verified");
		assertThat(diff.path("matter-handling").path("removed")).isEmpty();
		assertThat(diff.path("matter-handling").path("changed").findValuesAsText("id")).contains("flow_toReview");
		assertThat(diff.path("time-limits").path("rules").path("changed").findValuesAsText("id")).containsExactly("rule_limit03");
		JsonNode limit = diff.path("time-limits").path("timeLimitsChanged");
		assertThat(limit).hasSize(1);
		assertThat(limit.get(0).path("inputs").path("category").asText()).isEqualTo("road-damage");
		assertThat(limit.get(0).path("signFor").path("before").asText()).isEqualTo("4 WORKING_HOURS");
		assertThat(limit.get(0).path("signFor").path("after").asText()).isEqualTo("2 WORKING_HOURS");

		Instant before = Instant.now();
		String trackingNo = startMatter("shangtang");
		Instant after = Instant.now();
		ProcessInstance instance = instance(trackingNo);
		assertThat(instance.getTenantId()).isEqualTo("shangtang");
		Date due = (Date) runtime.getVariable(instance.getId(), "signForDue");
		var twoWorkingHours = new TimeLimit(2, LimitUnit.WORKING_HOURS); // the village's, not the county's 4
		assertThat(due.toInstant()).isBetween(calendar.due(before, twoWorkingHours), calendar.due(after, twoWorkingHours));

		work(trackingNo, "task_signFor", Map.of("signForDecision", "sign"));
		work(trackingNo, "task_handle", Map.of("handlingResult", "resolved", "handlingReply", "已安排养护队修补路面，恢复通行"));
		Task verification = onlyTask(trackingNo, "task_onSiteVerification");
		assertThat(process.cadresFor(verification)).contains("shangtang.yang");
		process.work(verification.getId(), "shangtang.yang", Map.of());
		assertThat(onlyTask(trackingNo, "task_review")).isNotNull();

		JsonNode history = JSON.readTree(http.get("shangtang.admin", "/api/units/shangtang/variants").body());
		JsonNode newest = history.path("variants").get(0);
		assertThat(newest.path("id").asText()).isEqualTo(variantId);
		assertThat(newest.path("active").asBoolean()).isTrue();
		assertThat(newest.path("note").asText()).isEqualTo("现场核实；道路损坏2小时签收");
		assertThat(newest.path("deployedBy").asText()).isEqualTo("shangtang.admin");
		assertThat(newest.path("definitions").findValuesAsText("version")).hasSize(2);
		assertThat(java.util.stream.StreamSupport.stream(history.path("variants").spliterator(), false)
			.filter(each -> each.path("active").asBoolean()).count()).as("one active variant per unit").isEqualTo(1);
		assertThat(history.path("effective").path("matter-handling").asText()).isEqualTo("shangtang");
		assertThat(history.path("effective").path("route-matter").asText()).isEqualTo("county-base");

		var rolledBack = http.send(http.request("shangtang.admin", "/api/units/shangtang/variants/active").DELETE().build());
		assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
		String afterRollback = startMatter("shangtang");
		assertThat(instance(afterRollback).getTenantId()).isNull();
		assertThat(runtime.getVariable(instance(afterRollback).getId(), "timeLimitsTenant")).isNull();
		assertThat(JSON.readTree(http.get("shangtang.admin", "/api/units/shangtang/variants").body())
			.path("variants").get(0).path("active").asBoolean()).isFalse();
		assertThat(instance(trackingNo).getTenantId()).as("the running matter stays on its variant").isEqualTo("shangtang");
	}

	static Stream<Arguments> inheritance() {
		var combinations = new ArrayList<Arguments>();
		for (String key : List.of("matter-handling", "time-limits", "route-matter")) {
			for (boolean town : List.of(false, true)) {
				for (boolean village : List.of(false, true)) {
					combinations.add(Arguments.of(key, town, village));
				}
			}
		}
		return combinations.stream();
	}

	@ParameterizedTest(name = "{0}: town variant {1}, village variant {2}")
	@MethodSource("inheritance")
	void aMatterUsesItsVillagesVariantElseItsTownsElseTheCountysPerKey(String key, boolean town, boolean village) {
		if (town) {
			assertThat(post("designer", "/api/units/qingshi/variants", variantOf(key, "office-qingshi"), "town").statusCode()).isEqualTo(201);
		}
		if (village) {
			assertThat(post("designer", "/api/units/shangtang/variants", variantOf(key, "unit-shangtang"), "village").statusCode()).isEqualTo(201);
		}

		String expectedInVillage = village ? "shangtang" : town ? "qingshi" : null;
		String expectedInSibling = town ? "qingshi" : null;
		assertThat(sources(startMatter("shangtang"))).isEqualTo(onlyFrom(key, expectedInVillage));
		assertThat(sources(startMatter("xiatang"))).isEqualTo(onlyFrom(key, expectedInSibling));
		assertThat(sources(startMatter("hebin"))).isEqualTo(onlyFrom(key, null));
	}

	@Test
	void activatingAnEarlierVariantRollsBackAndMigratesRunningMattersWhereTheEngineCan() throws Exception {
		var first = files(PROCESS, withOnSiteVerification(process(), "unit-shangtang"));
		String v1 = JSON.readTree(post("shangtang.admin", "/api/units/shangtang/variants", first, "v1").body()).path("id").asText();
		String trackingNo = startMatter("shangtang");
		String v1Definition = instance(trackingNo).getProcessDefinitionId();

		var second = files(PROCESS, withOnSiteVerification(process(), "unit-shangtang").replace("name=\"现场核实\"", "name=\"现场核实（拍照）\""));
		JsonNode deployed = JSON.readTree(post("shangtang.admin", "/api/units/shangtang/variants?migrateRunning=true", second, "v2").body());
		assertThat(deployed.path("migration").path("migrated").asInt()).as("ours and any other running matter of the village")
			.isGreaterThanOrEqualTo(1);
		assertThat(instance(trackingNo).getProcessDefinitionId()).isNotEqualTo(v1Definition);

		JsonNode previous = JSON.readTree(http.get("shangtang.admin", "/api/units/shangtang/variants/" + deployed.path("id").asText()
				+ "/diff?against=previous").body());
		assertThat(previous.path("matter-handling").path("changed").findValuesAsText("id")).containsExactly("task_onSiteVerification");

		var activation = http.postJson("shangtang.admin", "/api/units/shangtang/variants/" + v1 + "/activation", "{\"migrateRunning\": true}");
		assertThat(activation.statusCode()).as(activation.body()).isEqualTo(200);
		assertThat(JSON.readTree(activation.body()).path("migration").path("migrated").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(http.get("demo", "/api/audit").body()).contains("variant.activate", v1);
		assertThat(instance(trackingNo).getProcessDefinitionId()).isEqualTo(v1Definition);

		work(trackingNo, "task_signFor", Map.of("signForDecision", "sign"));
		work(trackingNo, "task_handle", Map.of("handlingResult", "resolved", "handlingReply", "已安排养护队修补路面，恢复通行"));
		onlyTask(trackingNo, "task_onSiteVerification");

		var withoutVerification = files(PROCESS, process());
		JsonNode plain = JSON.readTree(post("shangtang.admin", "/api/units/shangtang/variants?migrateRunning=true", withoutVerification, "v3").body());
		assertThat(plain.path("migration").path("reasons").toString()).contains(instance(trackingNo).getId());
		assertThat(instance(trackingNo).getProcessDefinitionId()).as("left whole on its old version").isEqualTo(v1Definition);
		process.work(onlyTask(trackingNo, "task_onSiteVerification").getId(), "shangtang.yang", Map.of());
		onlyTask(trackingNo, "task_review");

		var inherit = http.send(http.request("shangtang.admin", "/api/units/shangtang/variants/active?migrateRunning=true").DELETE().build());
		JsonNode migration = JSON.readTree(inherit.body()).path("migration");
		assertThat(migration.path("skipped").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(migration.path("reasons").toString()).contains("one tenant");
	}

	@Test
	void aDeploymentFromCamundaModelerIsRecordedAndUsedAsAVariantToo() throws Exception {
		var table = files(TIME_LIMITS, withRoadDamageSignFor(timeLimits(), 3));

		var deployed = http.deploy("shangtang.admin", "shangtang", table);

		assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
		String deploymentId = JSON.readTree(deployed.body()).path("id").asText();
		JsonNode newest = JSON.readTree(http.get("shangtang.admin", "/api/units/shangtang/variants").body()).path("variants").get(0);
		assertThat(newest.path("id").asText()).isEqualTo(deploymentId);
		assertThat(newest.path("deployedBy").asText()).isEqualTo("shangtang.admin");
		assertThat(newest.path("active").asBoolean()).isTrue();
		assertThat(sources(startMatter("shangtang"))).isEqualTo(onlyFrom("time-limits", "shangtang"));
	}

	@Test
	void onlyTheUnitsOwnAdministratorAndDesignersChangeItsVariantsAndBadRequestsAreSpecific() {
		var variant = files(TIME_LIMITS, withRoadDamageSignFor(timeLimits(), 3));

		assertThat(post("shangtang.admin", "/api/units/hebin/variants", variant, null).statusCode()).isEqualTo(403);
		assertThat(post("qingshi.admin", "/api/units/shangtang/variants", variant, null).statusCode()).isEqualTo(403);
		assertThat(post("housing.li", "/api/units/shangtang/variants", variant, null).statusCode()).isEqualTo(403);
		assertThat(post("shangtang.admin", "/api/units/atlantis/variants", variant, null).statusCode()).isEqualTo(404);
		assertThat(http.get("housing.li", "/api/units/shangtang/variants").statusCode()).isEqualTo(403);
		assertThat(http.get("leader", "/api/units/shangtang/variants").statusCode()).isEqualTo(200);
		assertThat(http.get("shangtang.admin", "/api/units/shangtang/variants/nope/diff").statusCode()).isEqualTo(404);
		assertThat(http.get("shangtang.admin", "/api/units/shangtang/variants").body())
			.contains("\"effective\":{\"matter-handling\":\"county-base\",\"route-matter\":\"county-base\",\"time-limits\":\"county-base\"}");

		var loosened = post("shangtang.admin", "/api/units/shangtang/variants", files(TIME_LIMITS, withRoadDamageSignFor(timeLimits(), 48)), null);
		assertThat(loosened.statusCode()).isEqualTo(422);
		assertThat(loosened.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(loosened.body()).contains("\"rule\":\"time-limit\"", "\"element\":\"rule_limit03\"", "比县级上限 4 WORKING_HOURS 更宽松");
	}

	@Test
	void expressionsReachOnlyTheAllowListedBeans() {
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		var expressions = configuration.getExpressionManager();

		Object delegate = configuration.getCommandExecutorTxRequired().execute(context ->
				expressions.createExpression("${closeMatterDelegate}").getValue(StartProcessVariableScope.getSharedInstance()));
		assertThat(delegate).isNotNull();
		assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context ->
				expressions.createExpression("${matterProcess}").getValue(StartProcessVariableScope.getSharedInstance())))
			.hasMessageContaining("matterProcess");
	}

	/** Where the process and each table of a matter came from: a unit's tenant, or null for the county base. */
	private Map<String, String> sources(String trackingNo) {
		ProcessInstance instance = instance(trackingNo);
		var sources = new java.util.HashMap<String, String>();
		sources.put("matter-handling", instance.getTenantId());
		sources.put("time-limits", (String) runtime.getVariable(instance.getId(), "timeLimitsTenant"));
		sources.put("route-matter", (String) runtime.getVariable(instance.getId(), "routeMatterTenant"));
		return sources;
	}

	/** One key from a unit's tenant, the others from the county base. */
	private static Map<String, String> onlyFrom(String key, String tenant) {
		var sources = new java.util.HashMap<String, String>();
		for (String each : List.of("matter-handling", "time-limits", "route-matter")) {
			sources.put(each, each.equals(key) ? tenant : null);
		}
		return sources;
	}

	private static Map<String, byte[]> variantOf(String key, String committee) {
		return switch (key) {
			case "matter-handling" -> files(PROCESS, withOnSiteVerification(process(), committee));
			case "time-limits" -> files(TIME_LIMITS, withRoadDamageSignFor(timeLimits(), 3));
			default -> files(ROUTING, replace(routing(), "<outputEntry id=\"rule_route02_out1\"><text>&quot;dept-transport&quot;</text></outputEntry>",
					"<outputEntry id=\"rule_route02_out1\"><text>&quot;dept-urban&quot;</text></outputEntry>"));
		};
	}

	private HttpResponse<String> post(String user, String path, Map<String, byte[]> files, String note) {
		return http.multipart(user, path, note == null ? Map.of() : Map.of("note", note), files, name -> "files");
	}

	private String startMatter(String unit) {
		try {
			String report = JSON.writeValueAsString(Map.of("channel", "hotline", "type", "complaint", "category", "road-damage",
					"urgency", "normal", "description", "村道路面塌陷，影响通行", "unit", unit, "location", Map.of("address", "村口"),
					"reporter", Map.of("name", "测试者", "phone", "1380013" + PHONES.incrementAndGet())));
			var created = http.postJson("hotline-system", "/api/matters", report);
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String trackingNo = JSON.readTree(created.body()).path("trackingNo").asText();
			started.add(trackingNo);
			return trackingNo;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ProcessInstance instance(String trackingNo) {
		return runtime.createProcessInstanceQuery().processInstanceBusinessKey(trackingNo).singleResult();
	}

	private Task onlyTask(String trackingNo, String key) {
		var open = process.openTasks(trackingNo).stream().filter(task -> task.getTaskDefinitionKey().equals(key)).toList();
		assertThat(open).as("open %s tasks of %s", key, trackingNo).hasSize(1);
		return open.get(0);
	}

	private void work(String trackingNo, String key, Map<String, Object> input) {
		Task task = onlyTask(trackingNo, key);
		process.work(task.getId(), process.cadresFor(task).get(0), input);
	}

}
