package org.civicloop.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Departments and units cannot see or touch each other's work; the reporter's contact reaches only handlers. */
@CivicLoopTest
@ExtendWith(OutputCaptureExtension.class)
class IsolationIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	MatterProcess process;

	@Autowired
	TaskService tasks;

	@Autowired
	RepositoryService repository;

	@Test
	void aCadreCannotClaimCompleteOrListAnotherDepartmentsTask() throws Exception {
		Http http = new Http(port);
		Matter urban = process.register(matter("street-light", "qinghe", "13711112222"), "operator");
		Matter transport = process.register(matter("road-damage", "qingshi", "13711113333"), "operator");
		Task urbanTask = process.openTasks(urban.trackingNo()).get(0);

		assertThat(http.postJson("housing.li", "/engine-rest/task/" + urbanTask.getId() + "/claim", "{\"userId\":\"housing.li\"}")
			.statusCode()).isIn(403, 404);
		assertThat(http.postJson("housing.li", "/engine-rest/task/" + urbanTask.getId() + "/complete",
				"{\"variables\":{\"signForDecision\":{\"value\":\"sign\"}}}").statusCode()).isIn(403, 404);
		assertThat(http.get("housing.li", "/engine-rest/task/" + urbanTask.getId()).statusCode()).isIn(403, 404);
		Task unchanged = tasks.createTaskQuery().taskId(urbanTask.getId()).singleResult();
		assertThat(unchanged).isNotNull();
		assertThat(unchanged.getAssignee()).isNull();

		List<String> seenByUrban = ids(http.get("urban.wang", "/engine-rest/task?processInstanceBusinessKeyIn="
				+ urban.trackingNo() + "," + transport.trackingNo()).body());
		assertThat(seenByUrban).containsExactly(urbanTask.getId());
		List<String> seenByDispatch = ids(http.get("dispatcher", "/engine-rest/task?processInstanceBusinessKeyIn="
				+ urban.trackingNo() + "," + transport.trackingNo()).body());
		assertThat(seenByDispatch).hasSize(2);
	}

	/** The role group {@code unit-admins} is named like a unit's group but is none: it shows no unit's matters. */
	@Test
	void aUnitAdministratorSeesTheMattersOfItsOwnUnitOnly() throws Exception {
		Http http = new Http(port);
		Matter town = process.register(matter("road-damage", "qingshi", "13733335555"), "operator");
		Matter village = process.register(matter("street-light", "shangtang", "13733336666"), "operator");

		assertThat(http.get("shangtang.admin", "/api/matters/" + town.trackingNo()).statusCode()).isEqualTo(404);
		assertThat(http.get("shangtang.admin", "/api/matters/" + village.trackingNo()).statusCode()).isEqualTo(200);
		JsonNode list = JSON.readTree(http.get("shangtang.admin", "/api/matters?size=100").body());
		assertThat(list.path("items").findValuesAsText("unit")).isNotEmpty().containsOnly("shangtang");
		assertThat(list.path("items").findValuesAsText("trackingNo")).contains(village.trackingNo()).doesNotContain(town.trackingNo());
		assertThat(http.get("qingshi.admin", "/api/matters/" + town.trackingNo()).statusCode()).isEqualTo(200);
		assertThat(http.get("qingshi.admin", "/api/matters/" + village.trackingNo()).statusCode()).as("a village of the town")
			.isEqualTo(200);
	}

	@Test
	void theReporterIsShownInFullOnlyToHandlersAndEveryFullReadIsAudited(CapturedOutput output) throws Exception {
		Http http = new Http(port);
		Matter matter = process.register(matter("street-light", "qinghe", "13722224444"), "operator");
		String path = "/api/matters/" + matter.trackingNo() + "/reporter";

		JsonNode byDispatcher = JSON.readTree(http.get("dispatcher", path).body());
		JsonNode byLead = JSON.readTree(http.get("urban.wang", path).body());
		JsonNode byOther = JSON.readTree(http.get("housing.li", path).body());
		JsonNode byVillage = JSON.readTree(http.get("shangtang.yang", path).body());

		assertThat(byDispatcher.path("phone").asText()).isEqualTo("13722224444");
		assertThat(byLead.path("name").asText()).isEqualTo("孙测试");
		assertThat(byOther.path("phone").asText()).isEqualTo("137****4444");
		assertThat(byOther.path("masked").asBoolean()).isTrue();
		assertThat(byVillage.path("name").asText()).isEqualTo("孙**");
		assertThat(http.get(null, path).statusCode()).isEqualTo(401);
		var missing = http.get("dispatcher", "/api/matters/CL19990101000000/reporter");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));

		JsonNode audit = JSON.readTree(http.get("demo", "/api/audit").body());
		assertThat(audit.findValuesAsText("target")).contains(matter.trackingNo());
		long fullReads = 0;
		for (JsonNode entry : audit) {
			if (entry.path("action").asText().equals("reporter.read") && entry.path("target").asText().equals(matter.trackingNo())) {
				fullReads++;
				assertThat(entry.path("actor").asText()).isIn("dispatcher", "urban.wang");
			}
		}
		assertThat(fullReads).isEqualTo(2);
		assertThat(output.getAll()).doesNotContain("13722224444").doesNotContain("孙测试");
	}

	@Test
	void aUnitAdministratorCannotDeployIntoAnotherUnitOrSharedAndNothingChanges() throws Exception {
		Http http = new Http(port);
		byte[] table = Files.readAllBytes(Path.of("processes/time-limits.dmn"));
		long before = repository.createDeploymentQuery().count();

		var otherUnit = http.deploy("shangtang.admin", "hebin", "time-limits.dmn", table);
		var shared = http.deploy("shangtang.admin", null, "time-limits.dmn", table);
		var town = http.deploy("shangtang.admin", "qingshi", "time-limits.dmn", table);

		assertThat(List.of(otherUnit.statusCode(), shared.statusCode(), town.statusCode())).containsOnly(403);
		assertThat(otherUnit.body()).contains("not into hebin");
		assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);

		var own = http.deploy("shangtang.admin", "shangtang", "time-limits.dmn", table);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(repository.createDeploymentQuery().count()).isEqualTo(before + 1);
		assertThat(JSON.readTree(http.get("demo", "/api/audit").body()).findValuesAsText("actor")).contains("shangtang.admin");
	}

	@Test
	void xmlWithADoctypeIsRefusedEverywhereAndDeploysNothing() {
		Http http = new Http(port);
		long before = repository.createDeploymentQuery().count();
		String hostile = """
				<?xml version="1.0"?>
				<!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
				<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="&secret;" namespace="x"/>
				""";

		var response = http.deploy("designer", null, "hostile.dmn", hostile.getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("DOCTYPE").doesNotContain("root:");
		assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
	}

	@Test
	void grantChangesShowInTheAuditTrail() throws Exception {
		Http http = new Http(port);
		var created = http.postJson("demo", "/engine-rest/authorization/create", """
				{"type": 1, "permissions": ["READ"], "userId": null, "groupId": "leaders", "resourceType": 5, "resourceId": "audit-test-filter"}""");
		assertThat(created.statusCode()).isEqualTo(200);

		JsonNode audit = JSON.readTree(http.get("demo", "/api/audit").body());
		assertThat(audit.findValuesAsText("action")).contains("authorization.create");
	}

	private static List<String> ids(String json) throws Exception {
		return JSON.readTree(json).findValuesAsText("id");
	}

	private static NewMatter matter(String category, String unit, String phone) {
		return new NewMatter("hotline", "complaint", category, "normal", "隔离测试用的诉求内容", unit, "测试地址", null,
				new Contact("孙测试", phone));
	}


}
