package org.civicloop;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A script of {@code e2e/} run with Node against this test server, driving Debian's Chromium. Needs
 * {@code /usr/bin/chromium} and {@code npm ci}; without them a test is skipped with a message, except in CI.
 */
public final class Browser {

	/** Where the scripts leave their screenshots and logs. */
	public static final Path SHOTS = Path.of("target/e2e");

	private Browser() {
	}

	/** The lines the script printed; fails the test when the script fails or runs longer than five minutes. */
	public static List<String> run(String script, int port, String... arguments) throws Exception {
		boolean ready = new File("/usr/bin/chromium").canExecute() && new File("node_modules/playwright-core").isDirectory();
		if (!ready && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must run the browser tests: install chromium and run npm ci");
		}
		Assumptions.assumeTrue(ready, "Browser test skipped: needs /usr/bin/chromium (apt-get install chromium) and npm ci");
		Files.createDirectories(SHOTS);
		Path log = SHOTS.resolve(Path.of(script).getFileName() + ".log");
		var command = new ArrayList<>(List.of("node", script, "http://localhost:" + port, SHOTS.toString()));
		command.addAll(List.of(arguments));
		Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean finished = run.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			run.destroyForcibly();
		}
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		if (!finished || run.exitValue() != 0) {
			throw new AssertionError(script + " failed:\n" + String.join("\n", lines));
		}
		return lines;
	}

}
