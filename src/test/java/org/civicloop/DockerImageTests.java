package org.civicloop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real image, built from {@code docker/Dockerfile} on the local Debian JRE 17 base
 * ({@code ../shared/containers/setup.sh}, which {@code .ci/run} calls), run with host networking on the local
 * PostgreSQL as a county would run it: the postgres profile, its secret from a file under {@code /run/secrets},
 * a memory limit. It answers ready, passes its own health check, runs as its own user, and stops gracefully.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerImageTests {

	private static final String IMAGE = "localhost/civicloop:test";

	private static final String CONTAINER = "civicloop-image-test";

	private static final int PORT = 18197;

	private String podman;

	private Path secrets;

	@BeforeAll
	void build() throws Exception {
		podman = System.getenv("PODMAN");
		String base = System.getenv("CIVICLOOP_BASE_IMAGE");
		boolean possible = podman != null && base != null && Cluster.possible();
		if (!possible && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must build the image: source ../shared/containers/setup.sh and package the jar first");
		}
		Assumptions.assumeTrue(possible, "Image test skipped: source ../shared/containers/setup.sh (PODMAN, CIVICLOOP_BASE_IMAGE) and package the jar");
		String jar = Files.list(Path.of("target")).map(path -> path.getFileName().toString())
			.filter(name -> name.matches("civicloop-.*\\.jar")).findFirst().orElseThrow();
		run(Duration.ofMinutes(5), "build", "--format", "docker", "--build-arg", "BASE_IMAGE=" + base, "--build-arg", "JAR=target/" + jar,
				"-t", IMAGE, "-f", "docker/Dockerfile", ".");
		// readable by the container's own user, as compose mounts secrets
		secrets = Files.createTempDirectory("civicloop-secrets", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path secret = secrets.resolve("civicloop.matter.evaluation-secret");
		Files.writeString(secret, "image-test-evaluation-secret-of-this-run-" + System.nanoTime() + "\n");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
			admin.createStatement().execute("drop database if exists civicloop_image with (force)");
			admin.createStatement().execute("create database civicloop_image");
		}
		run(Duration.ofMinutes(1), "rm", "--force", "--ignore", CONTAINER);
	}

	@AfterAll
	void remove() throws Exception {
		if (podman != null) {
			run(Duration.ofMinutes(1), "rm", "--force", "--ignore", CONTAINER);
		}
	}

	@Test
	void theImageRunsAsItsOwnUserWithItsSecretFromAFileAnswersReadyAndStopsGracefully() throws Exception {
		run(Duration.ofMinutes(1), "run", "--detach", "--name", CONTAINER, "--network=host", "--memory=1g",
				"--volume", secrets + ":/run/secrets:ro", "--env", "PORT=" + PORT,
				"--env", "CIVICLOOP_DB_URL=jdbc:postgresql://127.0.0.1:5432/civicloop_image", "--env", "CIVICLOOP_DB_USER=postgres", IMAGE);
		awaitReady(Duration.ofMinutes(3));

		assertThat(run(Duration.ofSeconds(30), "exec", CONTAINER, "id", "-u").strip()).as("not root").isEqualTo("10001");
		assertThat(run(Duration.ofSeconds(30), "healthcheck", "run", CONTAINER)).as("the image's own health check").doesNotContain("unhealthy");
		String config = run(Duration.ofSeconds(30), "inspect", "--format", "{{.Config.User}} {{.Config.Healthcheck.Test}}", CONTAINER);
		assertThat(config).contains("civicloop").contains("/actuator/health/readiness");
		String heap = run(Duration.ofSeconds(30), "exec", CONTAINER, "java", "-XX:+PrintFlagsFinal", "-version");
		assertThat(heap).as("the heap follows the container's limit").containsPattern("MaxHeapSize\\s*=\\s*6[0-9]{8}\\b");

		run(Duration.ofSeconds(60), "stop", "--time", "40", CONTAINER);
		String log = run(Duration.ofSeconds(30), "logs", CONTAINER);
		assertThat(log).contains("Graceful shutdown complete").contains("Shutting down the JobExecutor").doesNotContain("Exception in thread");
	}

	private void awaitReady(Duration atMost) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant giveUp = Instant.now().plus(atMost);
		while (true) {
			try {
				var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (java.io.IOException notYet) {
				// not listening yet
			}
			if (Instant.now().isAfter(giveUp)) {
				throw new AssertionError("not ready within " + atMost + ":\n" + run(Duration.ofSeconds(30), "logs", CONTAINER));
			}
			Thread.sleep(1000);
		}
	}

	/** Runs podman with {@code arguments}; its output (stdout and stderr); fails when it fails. */
	private String run(Duration atMost, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(podman.split(" ")));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(atMost.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
		}
		return output;
	}

}
