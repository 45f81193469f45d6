package org.civicloop;

import java.util.List;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.store.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walk-through in a real browser against this test server: {@code e2e/tasklist-walkthrough.js}
 * drives Debian's Chromium, with a Chinese browser, through Tasklist from the start form to the return visit
 * ({@link Browser}), for a village that runs a variant of its own, started from the one entry of the start
 * dialog; Cockpit and Admin are opened in Chinese too. The screenshots in {@code docs/} come from this run.
 */
@CivicLoopTest
@ExtendWith(OutputCaptureExtension.class)
class TasklistBrowserIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Matters matters;

	@Autowired
	Timeline timeline;

	@Autowired
	HistoryService history;

	@Test
	void aMatterOfAVillageWithItsOwnVariantGoesAroundTheLoopInTasklist(CapturedOutput output) throws Exception {
		var http = new Http(port);
		var deployed = http.multipart("designer", "/api/units/xinqiao/variants", Map.of("note", "浏览器测试"),
				Map.of("matter-handling.bpmn", Files.readAllBytes(Path.of("processes/matter-handling.bpmn"))), name -> "files");
		assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
		List<String> lines;
		try {
			lines = Browser.run("e2e/tasklist-walkthrough.js", port, "新桥社区");
		}
		finally {
			var reset = http.send(http.request("designer", "/api/units/xinqiao/variants/active").DELETE().build());
			assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
		}

		String trackingNo = lines.get(lines.size() - 1).strip();
		Matter matter = matters.byTrackingNo(trackingNo).orElseThrow();
		assertThat(matter.report().unitId()).isEqualTo("xinqiao");
		var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(trackingNo).singleResult();
		assertThat(instance.getTenantId()).as("the village's own variant").isEqualTo("xinqiao");
		assertThat(matter.progress().stage()).isEqualTo("closed");
		assertThat(matter.progress().satisfaction()).isEqualTo("satisfied");
		assertThat(matter.progress().leadDepartment()).isEqualTo("dept-transport");
		assertThat(matter.report().reporter().phone()).isEqualTo("13566667777");
		assertThat(timeline.of(matter.id())).extracting(Timeline.Entry::actor)
			.contains("operator", "transport.he", "dispatcher");
		assertThat(output.getAll()).doesNotContain("13566667777").doesNotContain("周浏览");
	}

}
