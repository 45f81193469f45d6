package org.civicloop.variant;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.civicloop.Browser;
import org.civicloop.CivicLoopTest;
import org.civicloop.calendar.BusinessCalendar;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.Http;
import org.civicloop.Webapp;
import org.civicloop.organization.Unit;
import org.civicloop.organization.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicloop.variant.Models.TIME_LIMITS;
import static org.civicloop.variant.Models.files;
import static org.civicloop.variant.Models.timeLimits;
import static org.civicloop.variant.Models.withRoadDamageSignFor;

/**
 * The variant editor's side of the server: the page under CivicLoop's page policy, and the variants facade on
 * {@code /variants/api} with the webapps' session — the same rights as on {@code /api}, every change only with
 * the webapps' CSRF token — plus what only the editor needs: the units the caller may change, the files a unit
 * uses now, and files not deployed yet compared with the base and with what the unit uses now.
 */
@CivicLoopTest
class VariantEditorIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	Directory directory;

	@Autowired
	RuntimeService runtime;

	@Autowired
	BusinessCalendar calendar;

	@AfterEach
	void everyUnitInheritsAgain() {
		var http = new Http(port);
		for (Unit unit : directory.units()) {
			var reset = http.send(http.request("designer", "/api/units/" + unit.id() + "/variants/active").DELETE().build());
			assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
		}
	}

	@Test
	void thePageIsServedUnderThePagePolicyAndItsApiNeedsALogin() {
		var http = new Http(port);
		var page = http.get(null, "/variants/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("build/editor.js");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
				assertThat(policy).contains("default-src 'self'").contains("frame-ancestors 'none'"));
		var bundle = http.get(null, "/variants/build/editor.js");
		assertThat(bundle.statusCode()).as("the editor's bundle, built by the Maven build from editor/").isEqualTo(200);

		var anonymous = http.get(null, "/variants/api/units");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(http.get("shangtang.admin", "/variants/api/units").statusCode())
			.as("Basic is the facade's, on /api; the editor's API takes the webapps' session only").isEqualTo(401);
	}

	@Test
	void aVillageAdministratorOpensChecksComparesAndDeploysWithTheWebappsSession() throws Exception {
		// logged in to Tasklist before: the editor's page has no token until its first read hands it out
		var editor = Webapp.login(port, "tasklist", "shangtang.admin", "demo").withoutToken();
		var read = editor.send("GET", "/variants/api/units", "application/json", "");
		editor.withToken(read.headers().firstValue("X-XSRF-TOKEN").orElseThrow());

		JsonNode units = JSON.readTree(read.body());
		assertThat(units.findValuesAsText("id")).containsExactly("shangtang");
		assertThat(units.get(0).path("town").asText()).isEqualTo("青石镇");

		JsonNode opened = JSON.readTree(editor.send("GET", "/variants/api/units/shangtang/variants/files", "application/json", "").body());
		assertThat(opened.path("files").findValuesAsText("name"))
			.containsExactly("matter-handling.bpmn", "route-matter.dmn", "time-limits.dmn");
		assertThat(opened.path("files").findValuesAsText("content")).allSatisfy(xml -> assertThat(xml).startsWith("<?xml"));
		assertThat(opened.path("files").get(2).path("from").isNull()).as("the county base").isTrue();
		assertThat(opened.path("files").get(2).path("fromName").isNull()).isTrue();
		String countyTable = opened.path("files").get(2).path("content").asText();

		var loosened = editor.multipart("/variants/api/units/shangtang/variants/validation", Map.of(),
				files(TIME_LIMITS, withRoadDamageSignFor(countyTable, 8)));
		assertThat(loosened.statusCode()).as(loosened.body()).isEqualTo(422);
		JsonNode violation = JSON.readTree(loosened.body()).path("violations").get(0);
		assertThat(violation.path("rule").asText()).isEqualTo("time-limit");
		assertThat(violation.path("element").asText()).isEqualTo("rule_limit03");
		assertThat(violation.path("message").asText()).contains("比县级上限 4 WORKING_HOURS 更宽松");

		var tightened = files(TIME_LIMITS, withRoadDamageSignFor(countyTable, 2));
		assertThat(editor.multipart("/variants/api/units/shangtang/variants/validation", Map.of(), tightened).statusCode()).isEqualTo(200);
		var compared = editor.multipart("/variants/api/units/shangtang/variants/comparison?against=base", Map.of(), tightened);
		assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
		JsonNode changes = JSON.readTree(compared.body()).path("time-limits");
		assertThat(changes.path("againstDefinition").asText()).isEqualTo(opened.path("files").get(2).path("definition").asText());
		assertThat(changes.path("rules").path("changed").findValuesAsText("id")).containsExactly("rule_limit03");
		assertThat(changes.path("timeLimitsChanged").toString()).contains("road-damage");

		var deployed = editor.multipart("/variants/api/units/shangtang/variants", Map.of("note", "道路破损2小时签收"), tightened);
		assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
		assertThat(JSON.readTree(deployed.body()).path("deployedBy").asText()).isEqualTo("shangtang.admin");

		JsonNode now = JSON.readTree(editor.send("GET", "/variants/api/units/shangtang/variants/files", "application/json", "").body());
		assertThat(now.path("files").get(2).path("from").asText()).isEqualTo("shangtang");
		assertThat(now.path("files").get(2).path("fromName").asText()).isEqualTo("上塘村");
		assertThat(now.path("files").get(2).path("content").asText()).contains("<text>2</text>");
		var againstCurrent = editor.multipart("/variants/api/units/shangtang/variants/comparison?against=current", Map.of(), tightened);
		assertThat(JSON.readTree(againstCurrent.body()).path("time-limits").path("rules").path("changed").size())
			.as("what was just deployed is what the unit uses now").isZero();
	}

	/**
	 * {@code e2e/variant-editor.js} in Chromium as {@code shangtang.admin}: loosens the road-damage sign-for limit
	 * in the table and sees it refused with the rule marked, tightens it to 2 working hours, compares, deploys;
	 * the village's next matter has 2 working hours to be signed for, not the county's 4.
	 */
	@Test
	void aVillageAdministratorTightensATimeLimitInTheBrowser() throws Exception {
		var lines = Browser.run("e2e/variant-editor.js", port);
		String variantId = lines.get(lines.size() - 1).strip();
		JsonNode history = JSON.readTree(new Http(port).get("designer", "/api/units/shangtang/variants").body());
		assertThat(history.path("variants").get(0).path("id").asText()).isEqualTo(variantId);
		assertThat(history.path("variants").get(0).path("deployedBy").asText()).isEqualTo("shangtang.admin");

		Instant before = Instant.now();
		String trackingNo = registerRoadDamage("shangtang");
		Instant after = Instant.now();
		var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(trackingNo).singleResult();
		Date due = (Date) runtime.getVariable(instance.getId(), "signForDue");
		var twoWorkingHours = new TimeLimit(2, LimitUnit.WORKING_HOURS);
		assertThat(due.toInstant()).isBetween(calendar.due(before, twoWorkingHours), calendar.due(after, twoWorkingHours));
		runtime.deleteProcessInstance(instance.getId(), "test finished", true, true);
	}

	private String registerRoadDamage(String unit) throws Exception {
		String report = JSON.writeValueAsString(Map.of("channel", "hotline", "type", "complaint", "category", "road-damage",
				"urgency", "normal", "description", "村道路面塌陷，影响通行", "unit", unit, "location", Map.of("address", "村口"),
				"reporter", Map.of("name", "测试者", "phone", "13800138777")));
		var created = new Http(port).postJson("hotline-system", "/api/matters", report);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).path("trackingNo").asText();
	}

	@Test
	void aChangeWithoutTheWebappsTokenOrRightsChangesNothingAndBadFilesAreNamed() throws Exception {
		var shangtang = Webapp.login(port, "tasklist", "shangtang.admin", "demo");
		var table = files(TIME_LIMITS, withRoadDamageSignFor(timeLimits(), 2));
		var unreadable = shangtang.multipart("/variants/api/units/shangtang/variants/comparison?against=base", Map.of(),
				files(TIME_LIMITS, "<definitions"));
		var wrongAgainst = shangtang.multipart("/variants/api/units/shangtang/variants/comparison?against=yesterday", Map.of(), table);
		var otherVillage = shangtang.multipart("/variants/api/units/xiatang/variants", Map.of(), table);
		var crossSite = shangtang.withoutToken().multipart("/variants/api/units/shangtang/variants", Map.of(), table);
		var crossSiteInherit = shangtang.send("DELETE", "/variants/api/units/shangtang/variants/active", "application/json", "");
		var leader = Webapp.login(port, "welcome", "leader", "demo");
		var leaderDeploys = leader.multipart("/variants/api/units/shangtang/variants", Map.of(), table);

		assertThat(unreadable.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(unreadable.body()).path("detail").asText()).contains("time-limits.dmn").contains("not a readable model");
		assertThat(wrongAgainst.statusCode()).isEqualTo(400);
		assertThat(otherVillage.statusCode()).isEqualTo(403);
		assertThat(crossSite.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(crossSite.body()).path("detail").asText()).contains("X-XSRF-TOKEN");
		assertThat(crossSiteInherit.statusCode()).isEqualTo(403);
		assertThat(leaderDeploys.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(leader.send("GET", "/variants/api/units", "application/json", "").body()).size())
			.as("a leader reads variants but changes none").isZero();
		JsonNode history = JSON.readTree(new Http(port).get("designer", "/api/units/shangtang/variants").body());
		assertThat(history.path("effective").path("time-limits").asText()).as("still inherited: nothing was deployed").isEqualTo("county-base");
	}

}
