package org.civicloop.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.organization.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hotspot early warning on the real loop, in September 2026: a grid cell of 下塘村 with its ordinary drainage
 * complaints (one every four days) raises nothing; a burst of five in a day raises exactly one warning, once, for
 * the town office and the lead department, whose members are told; those it concerns acknowledge and close it
 * with what was done, and the burst raises nothing more.
 */
@CivicLoopTest
class HotspotIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Instant NOON = Instant.parse("2026-09-15T04:00:00Z"); // 12:00 in Asia/Shanghai

	private static final String GRID = "QS-XT-01";

	@LocalServerPort
	int port;

	@Autowired
	MatterProcess process;

	@Autowired
	HotspotDetector detector;

	@Autowired
	Directory directory;

	@AfterEach
	void realTime() {
		ClockUtil.reset();
	}

	@Test
	void aBurstInOneCellRaisesOneWarningThatReachesTheTownOfficeAndOrdinaryNoiseNone() throws Exception {
		for (int day = 28; day >= 1; day -= 4) {
			closedAt(NOON.minus(Duration.ofDays(day)), "下塘村1组门口下水道堵了，雨后积水排不出去");
		}
		assertThat(cell(detector.detect(NOON))).as("ordinary noise").isEmpty();

		for (int hour = 0; hour < 5; hour++) {
			closedAt(NOON.plus(Duration.ofHours(hour)), "下塘村1组路边排水沟堵塞，污水漫到路上第" + (hour + 1) + "次反映");
		}
		List<Long> raised = cell(detector.detect(NOON.plus(Duration.ofHours(5))));
		assertThat(raised).hasSize(1);
		assertThat(cell(detector.detect(NOON.plus(Duration.ofHours(5)).plusSeconds(600)))).as("once per burst").isEmpty();
		long id = raised.get(0);

		var http = new Http(port);
		JsonNode warning = JSON.readTree(http.get("qingshi.shen", "/api/hotspots/" + id).body());
		assertThat(warning.path("grid").asText()).isEqualTo(GRID);
		assertThat(warning.path("unit").asText()).isEqualTo("xiatang");
		assertThat(warning.path("category").asText()).isEqualTo("drainage");
		assertThat(warning.path("matters").asInt()).isEqualTo(5);
		assertThat(warning.path("windowDays").asInt()).isEqualTo(1);
		assertThat(warning.path("pValue").asDouble()).isLessThan(0.001);
		String lead = warning.path("leadDepartment").asText();
		assertThat(lead).isNotEmpty();

		assertThat(http.get("qingshi.shen", "/api/me/notifications").body()).contains("【预警】下塘村 网格 " + GRID);
		String leadCadre = directory.cadres().stream().filter(cadre -> cadre.groups().contains(lead)).findFirst().orElseThrow().id();
		assertThat(http.get(leadCadre, "/api/me/notifications").body()).contains("【预警】下塘村 网格 " + GRID);
		assertThat(http.get("hebin.qin", "/api/hotspots?state=all").body()).doesNotContain("\"id\":" + id + ",");
		assertThat(http.get("hebin.qin", "/api/hotspots/" + id).statusCode()).isEqualTo(404);
		assertThat(http.get("leader", "/api/hotspots").body()).contains("\"id\":" + id + ",");
		assertThat(http.postJson("leader", "/api/hotspots/" + id + "/closure", "{\"note\":\"看过了\"}").statusCode()).isEqualTo(403);

		var acknowledged = http.postJson("qingshi.shen", "/api/hotspots/" + id + "/acknowledgement", "{\"note\":\"已派人现场查看\"}");
		var noNote = http.postJson(leadCadre, "/api/hotspots/" + id + "/closure", "{}");
		var closed = http.postJson(leadCadre, "/api/hotspots/" + id + "/closure", "{\"note\":\"已疏通排水沟并加装格栅，村委每周巡查\"}");
		var again = http.postJson(leadCadre, "/api/hotspots/" + id + "/closure", "{\"note\":\"再次\"}");
		assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
		assertThat(JSON.readTree(acknowledged.body()).path("state").asText()).isEqualTo("acknowledged");
		assertThat(noNote.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(noNote.body()).path("errors").has("note")).isTrue();
		assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
		assertThat(JSON.readTree(closed.body()).path("actionNote").asText()).isEqualTo("已疏通排水沟并加装格栅，村委每周巡查");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(cell(detector.detect(NOON.plus(Duration.ofHours(6))))).as("quiet after closing").isEmpty();
		assertThat(http.get("qingshi.shen", "/dashboard/api/hotspots").statusCode()).as("the dashboard's session only").isEqualTo(401);
	}

	@Test
	void thePoissonTailIsRight() {
		assertThat(HotspotDetector.poissonAtLeast(0, 2.0)).isEqualTo(1.0);
		assertThat(HotspotDetector.poissonAtLeast(1, 2.0)).isCloseTo(1 - Math.exp(-2), org.assertj.core.data.Offset.offset(1e-12));
		assertThat(HotspotDetector.poissonAtLeast(3, 0.25)).isCloseTo(1 - Math.exp(-0.25) * (1 + 0.25 + 0.25 * 0.25 / 2),
				org.assertj.core.data.Offset.offset(1e-12));
		assertThat(HotspotDetector.poissonAtLeast(5, 0.0)).isZero();
	}

	/** The warnings raised for this test's cell, by looking each one up. */
	private List<Long> cell(List<Long> raised) throws Exception {
		var http = new Http(port);
		var ours = new java.util.ArrayList<Long>();
		for (long id : raised) {
			if (JSON.readTree(http.get("dispatcher", "/api/hotspots/" + id).body()).path("grid").asText().equals(GRID)) {
				ours.add(id);
			}
		}
		return ours;
	}

	/** A drainage matter of the cell registered at a time and taken around the loop at once. */
	private Matter closedAt(Instant at, String description) {
		ClockUtil.setCurrentTime(Date.from(at));
		Matter matter = process.register(new NewMatter("hotline", "complaint", "drainage", "normal", description, "xiatang", "下塘村1组",
				GRID, new Contact("何某某", "13812340000")), "operator");
		AroundTheLoop.close(process, matter, "已疏通排水沟，恢复排水通畅");
		return matter;
	}

}
