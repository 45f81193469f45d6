package org.civicloop.knowledge;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.model.MatterHandling;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case library on the real loop: a matter closed in 河滨社区 is found by the next similar matter's handler (in the
 * sign-for form's lines and on {@code /api/matters/{no}/similar}), is searchable within each caller's scope, can be
 * promoted to a typical case — which then comes first — and never shows the citizen's contact, not even where the
 * citizen dictated it into the description.
 */
@CivicLoopTest
class CaseLibraryIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	MatterProcess process;

	@Autowired
	TaskService tasks;

	@Autowired
	RuntimeService runtime;

	@Autowired
	MeterRegistry registry;

	@Autowired
	CaseLibrary library;

	private Http http;

	@BeforeEach
	void libraryBuilt() throws InterruptedException {
		http = new Http(port);
		for (int i = 0; i < 300 && !library.complete(); i++) {
			Thread.sleep(100);
		}
		assertThat(library.complete()).as("the case library's build at start").isTrue();
	}

	@Test
	void aClosedMatterHelpsTheNextSimilarOneWithinScopeAndWithoutContact() throws Exception {
		Matter closed = close(streetLight("滨江花园北门外河滨路整排路灯不亮，晚上漆黑，我姓钱，电话13912340001，备用１３９ １２３４ ０００５，请尽快处理",
				"钱多多", "13912340001"), "已联系供电所更换损坏灯泡4盏并检修线路，当晚恢复照明");
		Matter elsewhere = close(new NewMatter("hotline", "complaint", "street-light", "normal", "下塘村村口路灯整排不亮，晚上漆黑一片",
				"xiatang", "下塘村村口", "QS-XT-01", new Contact("冯某某", "13912340004")), "已更换下塘村村口路灯灯泡");
		Matter other = close(new NewMatter("hotline", "complaint", "noise", "normal", "下塘村村口的石材厂夜里切割石头声音太吵", "xiatang",
				"下塘村村口", "QS-XT-01", new Contact("孙某某", "13912340002")), "已责令石材厂夜间停止切割作业");
		library.takeNow();

		Matter next = process.register(streetLight("河滨路北段滨江花园旁边的路灯坏了好几天，天黑看不见路", "周某某", "13912340003"), "operator");
		Task signFor = process.openTasks(next.trackingNo()).stream()
			.filter(task -> task.getTaskDefinitionKey().equals("task_signFor")).findFirst().orElseThrow();
		String lines = (String) tasks.getVariableLocal(signFor.getId(), MatterHandling.Vars.SIMILAR_CASES);
		assertThat(lines.split("\n")[0]).startsWith(closed.trackingNo() + "：已解决：已联系供电所更换损坏灯泡4盏");
		assertThat(lines).doesNotContain(other.trackingNo()).doesNotContain("13912340001").doesNotContain("钱多多");
		// signed for: the handling task shows the same cases, taken over from the sign-for in the same command (no
		// second search), never stored
		long searches = registry.timer("civicloop.cases.similar").count();
		process.work(signFor.getId(), process.cadresFor(signFor).get(0), Map.of("signForDecision", "sign"));
		assertThat(registry.timer("civicloop.cases.similar").count()).as("searches for the handling task").isEqualTo(searches);
		Task handle = process.openTasks(next.trackingNo()).stream()
			.filter(task -> task.getTaskDefinitionKey().equals("task_handle")).findFirst().orElseThrow();
		assertThat((String) tasks.getVariableLocal(handle.getId(), MatterHandling.Vars.SIMILAR_CASES)).isEqualTo(lines);
		assertThat(tasks.getVariables(handle.getId()).keySet()).as("what the handling task sees")
			.noneMatch(name -> name.startsWith(MatterHandling.Vars.SIMILAR_CASES + "@"));
		assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(signFor.getProcessInstanceId()).list())
			.extracting(VariableInstance::getName).as("stored")
			.noneMatch(name -> name.startsWith(MatterHandling.Vars.SIMILAR_CASES + "@"));

		var similar = http.get("dispatcher", "/api/matters/" + next.trackingNo() + "/similar");
		assertThat(similar.statusCode()).as(similar.body()).isEqualTo(200);
		JsonNode first = JSON.readTree(similar.body()).get(0);
		assertThat(first.path("found").path("trackingNo").asText()).isEqualTo(closed.trackingNo());
		assertThat(first.path("found").path("score").asDouble()).isPositive();
		assertThat(first.path("found").path("description").asText()).contains("***").doesNotContain("13912340001");
		assertThat(similar.body()).doesNotContain("13912340001").doesNotContain("钱多多").doesNotContain("13912340003")
			.doesNotContain("0005").doesNotContain("０００５").contains(elsewhere.trackingNo());
		var villageAsks = http.get("hebin.qin", "/api/matters/" + next.trackingNo() + "/similar");
		assertThat(villageAsks.statusCode()).isEqualTo(200);
		assertThat(villageAsks.body()).as("within the caller's scope").contains(closed.trackingNo()).doesNotContain(elsewhere.trackingNo());

		// a description as long as the form allows is asked about by its beginning, and never stops the step
		Matter wordy = process.register(streetLight("河滨路北段路灯不亮。".repeat(10) + "夜里出门要打手电，老人孩子都怕摔，希望有关部门尽快派人来修理。".repeat(55),
				"卫某某", "13912340006"), "operator");
		Task wordySignFor = process.openTasks(wordy.trackingNo()).stream()
			.filter(task -> task.getTaskDefinitionKey().equals("task_signFor")).findFirst().orElseThrow();
		assertThat((String) tasks.getVariableLocal(wordySignFor.getId(), MatterHandling.Vars.SIMILAR_CASES)).contains(closed.trackingNo());
		assertThat(http.get("xiatang.zhu", "/api/matters/" + next.trackingNo() + "/similar").statusCode())
			.as("a matter the caller may not see").isEqualTo(404);

		assertThat(found("dispatcher", "q=路灯&category=street-light")).contains(closed.trackingNo());
		assertThat(found("hebin.qin", "q=路灯")).contains(closed.trackingNo()).doesNotContain(other.trackingNo());
		assertThat(found("xiatang.zhu", "q=路灯")).doesNotContain(closed.trackingNo());
		assertThat(found("xiatang.zhu", "q=石材厂")).contains(other.trackingNo());
		assertThat(http.postJson("dispatcher", "/api/cases/rebuild", "").statusCode()).isEqualTo(403);
		assertThat(http.postJson("demo", "/api/cases/rebuild", "").statusCode()).isEqualTo(202);
		for (int i = 0; i < 300 && !library.complete(); i++) {
			Thread.sleep(100);
		}
		assertThat(found("dispatcher", "q=路灯&category=street-light")).as("after a rebuild from the records").contains(closed.trackingNo());

		var bad = http.get("dispatcher", "/api/cases?category=teleportation&size=0");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(bad.body()).path("errors").has("category")).isTrue();
		assertThat(JSON.readTree(bad.body()).path("errors").has("size")).isTrue();
	}

	@Test
	void departmentsAndTheDispatchCentrePromoteAndWriteTypicalCasesThatComeFirst() throws Exception {
		Matter closed = close(streetLight("新桥社区幸福里小区门口三盏路灯不亮，老人晚上出门不方便", "吴某某", "13912340011"),
				"已更换灯具并加装感应开关");
		Matter open = process.register(streetLight("新桥社区幸福里门口路灯又不亮了，晚上黑乎乎的", "郑某某", "13912340012"), "operator");
		String strategy = "{\"title\":\"小区门口路灯整排熄灭的快速处置\",\"strategy\":\"先查线路再换灯具，当晚恢复照明，次日回访\",\"regulations\":\"《城市照明管理规定》\"}";

		var byVillage = http.postJson("xinqiao.you", "/api/matters/" + closed.trackingNo() + "/typical-case", strategy);
		var stillOpen = http.postJson("dispatcher", "/api/matters/" + open.trackingNo() + "/typical-case", strategy);
		var incomplete = http.postJson("dispatcher", "/api/matters/" + closed.trackingNo() + "/typical-case", "{\"title\":\"x\"}");
		var promoted = http.postJson("dispatcher", "/api/matters/" + closed.trackingNo() + "/typical-case", strategy);
		var twice = http.postJson("dispatcher", "/api/matters/" + closed.trackingNo() + "/typical-case", strategy);

		assertThat(byVillage.statusCode()).isEqualTo(403);
		assertThat(stillOpen.statusCode()).isEqualTo(409);
		assertThat(incomplete.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(incomplete.body()).path("errors").has("strategy")).isTrue();
		assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(201);
		assertThat(JSON.readTree(promoted.body()).path("kind").asText()).isEqualTo("typical");
		assertThat(twice.statusCode()).isEqualTo(409);

		var written = http.postJson("housing.li", "/api/cases", """
				{"title":"老旧小区电梯停运的协调","category":"property-management","unit":"hebin","grid":"LW-HB-02",
				 "description":"滨河新村电梯停运一个月，物业与业委会互相推诿，联系人电话13912340099",
				 "strategy":"住建局约谈物业，街道牵头召开业主协商会，维修资金应急使用","regulations":"《物业管理条例》"}""");
		assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
		assertThat(written.body()).doesNotContain("13912340099");
		var badGrid = http.postJson("housing.li", "/api/cases", """
				{"title":"标题","category":"garbage","unit":"hebin","grid":"QS-XT-01","description":"一段足够长的描述","strategy":"一段策略文字"}""");
		assertThat(badGrid.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(badGrid.body()).path("errors").has("grid")).isTrue();

		var similar = JSON.readTree(http.get("dispatcher", "/api/matters/" + open.trackingNo() + "/similar").body());
		assertThat(similar.get(0).path("line").asText()).startsWith("【典型案例】小区门口路灯整排熄灭的快速处置：先查线路再换灯具");
		assertThat(found("xiatang.zhu", "typical=true&q=电梯")).contains("老旧小区电梯停运的协调");
		assertThat(found("xiatang.zhu", "typical=false&q=幸福里")).doesNotContain(closed.trackingNo());
	}

	private String found(String user, String query) throws Exception {
		var encoded = new StringBuilder();
		query.codePoints().forEach(c -> encoded.append(c < 128 ? Character.toString(c)
				: URLEncoder.encode(Character.toString(c), StandardCharsets.UTF_8)));
		var response = http.get(user, "/api/cases?" + encoded);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode page = JSON.readTree(response.body());
		assertThat(page.path("complete").asBoolean()).isTrue();
		return page.path("cases").toString();
	}

	/** A matter around the whole loop, handled with this reply and visited satisfied. */
	private Matter close(NewMatter reported, String reply) {
		Matter matter = process.register(reported, "operator");
		AroundTheLoop.close(process, matter, reply);
		return matter;
	}

	private static NewMatter streetLight(String description, String name, String phone) {
		return new NewMatter("hotline", "complaint", "street-light", "normal", description, "hebin", "河滨路北段", "LW-HB-01",
				new Contact(name, phone));
	}

}
