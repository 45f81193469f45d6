package org.civicloop;

import java.util.List;

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
 * drives Debian's Chromium through Tasklist, from the start form to the return visit ({@link Browser}).
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

	@Test
	void aMatterGoesAroundTheLoopInTasklist(CapturedOutput output) throws Exception {
		List<String> lines = Browser.run("e2e/tasklist-walkthrough.js", port);

		String trackingNo = lines.get(lines.size() - 1).strip();
		Matter matter = matters.byTrackingNo(trackingNo).orElseThrow();
		assertThat(matter.progress().stage()).isEqualTo("closed");
		assertThat(matter.progress().satisfaction()).isEqualTo("satisfied");
		assertThat(matter.progress().leadDepartment()).isEqualTo("dept-transport");
		assertThat(matter.report().reporter().phone()).isEqualTo("13566667777");
		assertThat(timeline.of(matter.id())).extracting(Timeline.Entry::actor)
			.contains("operator", "transport.he", "dispatcher");
		assertThat(output.getAll()).doesNotContain("13566667777").doesNotContain("周浏览");
	}

}
