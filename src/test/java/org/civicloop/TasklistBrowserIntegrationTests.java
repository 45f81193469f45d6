package org.civicloop;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.store.Timeline;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walk-through in a real browser against this test server: {@code e2e/tasklist-walkthrough.js}
 * drives Debian's Chromium through Tasklist, from the start form to the return visit. Needs
 * {@code /usr/bin/chromium} and {@code npm ci}; without them it is skipped with a message, except in CI.
 */
@CivicLoopTest
@ExtendWith(OutputCaptureExtension.class)
class TasklistBrowserIntegrationTests {

	private static final String SCRIPT = "e2e/tasklist-walkthrough.js";

	@LocalServerPort
	int port;

	@Autowired
	Matters matters;

	@Autowired
	Timeline timeline;

	@Test
	void aMatterGoesAroundTheLoopInTasklist(CapturedOutput output) throws Exception {
		requireBrowser();
		Path shots = Path.of("target/e2e");
		Files.createDirectories(shots);
		Path log = shots.resolve("walkthrough.log");

		Process walk = new ProcessBuilder("node", SCRIPT, "http://localhost:" + port, shots.toString())
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean finished = walk.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			walk.destroyForcibly();
		}
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		assertThat(finished && walk.exitValue() == 0).as("walk-through succeeded:%n%s", String.join("\n", lines)).isTrue();

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

	private static void requireBrowser() {
		boolean ready = new File("/usr/bin/chromium").canExecute() && new File("node_modules/playwright-core").isDirectory();
		if (!ready && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must run the browser test: install chromium and run npm ci");
		}
		Assumptions.assumeTrue(ready, "Browser test skipped: needs /usr/bin/chromium (apt-get install chromium) and npm ci");
	}

}
