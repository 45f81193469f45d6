package org.civicloop.matter;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.Webapp;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.store.Timeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicloop.matter.model.MatterHandling.Tasks.*;

/**
 * A matter's identity and the variables its process relies on come from the application only: no start,
 * task completion or variable update from outside — engine REST, Tasklist's own REST — can name another
 * matter, move its department, due date or table bindings, or pre-set a later stage's decision. Each attempt
 * is refused and changes nothing.
 */
@CivicLoopTest
class MatterIdentityIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	MatterProcess process;

	@Autowired
	Matters matters;

	@Autowired
	Timeline timeline;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	Http http;

	@BeforeEach
	void client() {
		http = new Http(port);
	}

	@Test
	void aStartOverTheEngineRestApiCannotNameAnotherMattersRecord() throws Exception {
		Matter victim = process.register(streetLight("13800001111"), "operator");
		var before = snapshot(victim);
		long instances = runtime.createProcessInstanceQuery().count();
		long records = matters.count();

		var plainStart = start("start", "hotline-system", null, Map.of("matterId", Map.of("value", victim.id(), "type", "Long"),
				"trackingNo", Map.of("value", victim.trackingNo())));
		var formWithIdentity = start("submit-form", "dispatcher", null, Map.of("matterId", Map.of("value", victim.id(), "type", "Long")));
		var formWithBusinessKey = start("submit-form", "dispatcher", victim.trackingNo(), Map.of());
		var atReturnVisit = http.postJson("dispatcher", "/engine-rest/process-definition/key/matter-handling/start",
				"{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"task_returnVisit\"}]}");

		assertThat(plainStart.statusCode()).as(plainStart.body()).isEqualTo(403);
		assertThat(plainStart.body()).contains("start form").doesNotContain("AuthorizationException");
		assertThat(formWithIdentity.statusCode()).as(formWithIdentity.body()).isEqualTo(403);
		assertThat(formWithIdentity.body()).contains("matterId");
		assertThat(formWithBusinessKey.statusCode()).as(formWithBusinessKey.body()).isEqualTo(403);
		assertThat(formWithBusinessKey.body()).contains("tracking number");
		assertThat(atReturnVisit.statusCode()).as(atReturnVisit.body()).isEqualTo(403);
		assertThat(snapshot(victim)).isEqualTo(before);
		assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
		assertThat(matters.count()).isEqualTo(records);
	}

	@Test
	void aStartFormOverTheEngineRestApiIsCheckedAsTheFacadeChecksAReport() throws Exception {
		long records = matters.count();

		var bad = start("submit-form", "dispatcher", null, Map.of("category", Map.of("value", "teleportation"), "reporterPhone",
				Map.of("value", "12345")));
		var withBindings = start("submit-form", "dispatcher", null, Map.of("timeLimitsVersion", Map.of("value", 1, "type", "Integer")));
		var extra = start("submit-form", "dispatcher", null, Map.of("signedBy", Map.of("value", "transport.he")));
		assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
		assertThat(bad.body()).contains("category", "reporterPhone").doesNotContain("12345");
		assertThat(withBindings.statusCode()).as(withBindings.body()).isEqualTo(403);
		assertThat(extra.statusCode()).as(extra.body()).isEqualTo(403);
		assertThat(matters.count()).isEqualTo(records);

		var good = start("submit-form", "dispatcher", null, Map.of());
		assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
		String instance = JSON.readTree(good.body()).path("id").asText();
		String trackingNo = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey();
		Matter registered = matters.byTrackingNo(trackingNo).orElseThrow();
		assertThat(registered.registeredBy()).isEqualTo("dispatcher");
		assertThat(registered.report().reporter().phone()).isEqualTo("13912345678");
		assertThat(registered.processInstanceId()).isEqualTo(instance);
	}

	@Test
	void aCadreCompletingTheirOwnTaskCannotReachAnotherMatterOrMoveTheirOwn() throws Exception {
		Matter own = process.register(streetLight("13800002222"), "operator");
		Matter other = process.register(roadDamage("13800003333"), "operator");
		Task signFor = openTask(own, SIGN_FOR);
		var ownBefore = snapshot(own);
		var otherBefore = snapshot(other);

		for (String forged : List.of(
				"\"matterId\":{\"value\":" + other.id() + ",\"type\":\"Long\"}",
				"\"trackingNo\":{\"value\":\"" + other.trackingNo() + "\"}",
				"\"leadDepartment\":{\"value\":\"dept-water\"}",
				"\"handleDue\":{\"value\":\"2030-01-01T00:00:00.000+0000\",\"type\":\"Date\"}",
				"\"reworkCount\":{\"value\":-5,\"type\":\"Integer\"}",
				"\"reviewDecision\":{\"value\":\"accept\"}",
				"\"satisfaction\":{\"value\":\"satisfied\"}")) {
			var refused = http.postJson("urban.wang", "/engine-rest/task/" + signFor.getId() + "/complete",
					"{\"variables\":{\"signForDecision\":{\"value\":\"sign\"}," + forged + "}}");
			assertThat(refused.statusCode()).as(forged + ": " + refused.body()).isEqualTo(403);
		}

		assertThat(tasks.createTaskQuery().taskId(signFor.getId()).count()).as("the task is still open").isOne();
		assertThat(snapshot(own)).isEqualTo(ownBefore);
		assertThat(snapshot(other)).isEqualTo(otherBefore);
	}

	@Test
	void throughTasklistsOwnRestApiTheSameCompletionIsRefused() throws Exception {
		Matter own = process.register(streetLight("13800004444"), "operator");
		Matter other = process.register(roadDamage("13800005555"), "operator");
		Task signFor = openTask(own, SIGN_FOR);
		var otherBefore = snapshot(other);
		var tasklist = Webapp.login(port, "tasklist", "urban.wang", "demo");
		assertThat(tasklist.loginStatus()).isEqualTo(200);

		var refused = tasklist.engine("POST", "/task/" + signFor.getId() + "/submit-form",
				"{\"variables\":{\"signForDecision\":{\"value\":\"sign\"},\"matterId\":{\"value\":" + other.id() + ",\"type\":\"Long\"}}}");
		var set = tasklist.engine("PUT", "/task/" + signFor.getId() + "/variables/leadDepartment", "{\"value\":\"dept-water\"}");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		assertThat(set.statusCode()).as(set.body()).isEqualTo(403);
		assertThat(snapshot(other)).isEqualTo(otherBefore);
		assertThat(runtime.getVariable(signFor.getProcessInstanceId(), "leadDepartment")).isEqualTo("dept-urban");

		var signed = tasklist.engine("POST", "/task/" + signFor.getId() + "/submit-form",
				"{\"variables\":{\"signForDecision\":{\"value\":\"sign\"}}}");
		assertThat(signed.statusCode()).as(signed.body()).isEqualTo(204);
		assertThat(openTask(own, HANDLE).getAssignee()).isEqualTo("urban.wang");
	}

	@Test
	void variableUpdatesFromOutsideAreRefusedWhateverTheVariable() throws Exception {
		Matter matter = process.register(streetLight("13800006666"), "operator");
		Task signFor = openTask(matter, SIGN_FOR);
		var before = snapshot(matter);
		String instance = signFor.getProcessInstanceId();

		var taskVariable = http.send(http.request("urban.wang", "/engine-rest/task/" + signFor.getId() + "/variables/signForDecision")
			.header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":\"sign\"}")).build());
		var localVariable = http.send(http.request("urban.wang", "/engine-rest/task/" + signFor.getId() + "/localVariables/leadDepartment")
			.header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":\"dept-water\"}")).build());
		var byAdministrator = http.postJson("demo", "/engine-rest/process-instance/" + instance + "/variables",
				"{\"modifications\":{\"description\":{\"value\":\"改写的诉求\"}}}");
		var removal = http.send(http.request("demo", "/engine-rest/process-instance/" + instance + "/variables/matterId").DELETE().build());
		var modification = http.postJson("demo", "/engine-rest/process-instance/" + instance + "/modification",
				"{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"task_returnVisit\",\"variables\":"
						+ "{\"satisfaction\":{\"value\":\"satisfied\",\"local\":false}}}]}");

		assertThat(taskVariable.statusCode()).as(taskVariable.body()).isEqualTo(403);
		assertThat(localVariable.statusCode()).as(localVariable.body()).isEqualTo(403);
		assertThat(byAdministrator.statusCode()).as(byAdministrator.body()).isEqualTo(403);
		assertThat(removal.statusCode()).as(removal.body()).isEqualTo(403);
		assertThat(modification.statusCode()).as(modification.body()).isEqualTo(403);
		assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(RETURN_VISIT).count()).isZero();
		assertThat(snapshot(matter)).isEqualTo(before);
		assertThat(runtime.getVariable(instance, "description")).isEqualTo(matter.report().description());
	}

	@Test
	void theCitizensEvaluationCannotBeForgedThroughTheEngineRestApi() {
		Matter matter = process.register(streetLight("13800008888"), "operator");
		process.work(openTask(matter, SIGN_FOR).getId(), "urban.wang", Map.of("signForDecision", "sign"));
		process.work(openTask(matter, HANDLE).getId(), "urban.wang", Map.of("handlingResult", "resolved",
				"handlingReply", "已更换灯泡，路灯恢复照明"));
		process.work(openTask(matter, REVIEW).getId(), "dispatcher", Map.of("reviewDecision", "accept"));
		var before = snapshot(matter);

		var forged = http.postJson("demo", "/engine-rest/message", "{\"messageName\":\"CitizenEvaluation\",\"businessKey\":\""
				+ matter.trackingNo() + "\",\"processVariables\":{\"satisfaction\":{\"value\":\"satisfied\"},"
				+ "\"resolved\":{\"value\":\"yes\"}}}");

		var intoTheTriggeredScope = http.postJson("demo", "/engine-rest/message", "{\"messageName\":\"CitizenEvaluation\",\"businessKey\":\""
				+ matter.trackingNo() + "\",\"processVariablesToTriggeredScope\":{\"satisfaction\":{\"value\":\"satisfied\"},"
				+ "\"resolved\":{\"value\":\"yes\"}}}");

		assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
		assertThat(intoTheTriggeredScope.statusCode()).as(intoTheTriggeredScope.body()).isEqualTo(403);
		assertThat(snapshot(matter)).isEqualTo(before);
		assertThat(openTask(matter, RETURN_VISIT)).isNotNull();
	}

	@Test
	void aBpmnErrorOrEscalationThrownAtAMattersTaskIsRefused() {
		Matter matter = process.register(streetLight("13800009999"), "operator");
		Task signFor = openTask(matter, SIGN_FOR);
		var before = snapshot(matter);

		var error = http.postJson("urban.wang", "/engine-rest/task/" + signFor.getId() + "/bpmnError", "{\"errorCode\":\"done\"}");
		var escalation = http.postJson("urban.wang", "/engine-rest/task/" + signFor.getId() + "/bpmnEscalation", "{\"escalationCode\":\"up\"}");
		var byStranger = http.postJson("housing.li", "/engine-rest/task/" + signFor.getId() + "/bpmnError", "{\"errorCode\":\"done\"}");

		assertThat(error.statusCode()).as(error.body()).isEqualTo(403);
		assertThat(escalation.statusCode()).as(escalation.body()).isEqualTo(403);
		assertThat(byStranger.statusCode()).as("a task one was never offered").isEqualTo(404);
		assertThat(snapshot(matter)).isEqualTo(before);
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(matter.trackingNo()).count()).isOne();
	}

	@Test
	void anEntryItsFormDoesNotAllowIsRefusedWith400() {
		Matter matter = process.register(streetLight("13800007777"), "operator");
		Task signFor = openTask(matter, SIGN_FOR);

		var refused = http.postJson("urban.wang", "/engine-rest/task/" + signFor.getId() + "/complete",
				"{\"variables\":{\"signForDecision\":{\"value\":\"approve-everything\"}}}");
		var tooLong = http.postJson("urban.wang", "/engine-rest/task/" + signFor.getId() + "/complete",
				"{\"variables\":{\"signForDecision\":{\"value\":\"return\"},\"returnReason\":{\"value\":\"not-our-area\"},"
						+ "\"returnNote\":{\"value\":\"" + "长".repeat(501) + "\"}}}");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("signForDecision");
		assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
		assertThat(tooLong.body()).contains("returnNote");
		assertThat(tasks.createTaskQuery().taskId(signFor.getId()).count()).isOne();
	}

	/** What a forged write would change: the record, its timeline, the process's own variables. */
	private List<Object> snapshot(Matter matter) {
		Matter now = matters.byId(matter.id()).orElseThrow();
		var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(matter.trackingNo()).singleResult();
		Map<String, Object> variables = instance == null ? Map.of() : new java.util.TreeMap<>(runtime.getVariables(instance.getId()));
		return List.of(now, timeline.of(matter.id()).size(), variables);
	}

	/** A start over the engine REST API: {@code start} (any variables) or {@code submit-form} (a start form's fields). */
	private HttpResponse<String> start(String how, String user, String businessKey, Map<String, Object> extra) throws Exception {
		var variables = new java.util.LinkedHashMap<String, Object>();
		Map.of("channel", "hotline", "matterType", "complaint", "category", "street-light", "urgency", "normal",
				"description", "河滨社区路灯整排不亮已有一周", "unit", "hebin", "address", "河滨社区3号楼", "gridCode", "LW-HB-01",
				"reporterName", "王小明", "reporterPhone", "13912345678")
			.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		variables.putAll(extra);
		var body = new java.util.LinkedHashMap<String, Object>();
		body.put("variables", variables);
		if (businessKey != null) {
			body.put("businessKey", businessKey);
		}
		return http.postJson(user, "/engine-rest/process-definition/key/matter-handling/" + how, JSON.writeValueAsString(body));
	}

	private Task openTask(Matter matter, String key) {
		return process.openTasks(matter.trackingNo()).stream().filter(task -> task.getTaskDefinitionKey().equals(key))
			.findFirst().orElseThrow();
	}

	private static NewMatter streetLight(String phone) {
		return new NewMatter("hotline", "complaint", "street-light", "normal", "县城主街路灯不亮已有三天", "qinghe", "县城主街",
				null, new Contact("周测试", phone));
	}

	private static NewMatter roadDamage(String phone) {
		return new NewMatter("hotline", "complaint", "road-damage", "normal", "镇区主干道出现大坑，夜间容易出事故", "qingshi",
				"青石镇中心路", null, new Contact("吴测试", phone));
	}

}
