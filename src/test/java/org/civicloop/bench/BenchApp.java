package org.civicloop.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.civicloop.CivicLoopApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * CivicLoop started inside a benchmark's JVM on an empty database, with the demo directory, no demo matters
 * and job execution off (timers would compete with the load): H2 in {@code target/bench-h2} (or
 * {@code -Dbench.h2.dir}) or the PostgreSQL database {@code civicloop_bench} (or {@code -Dbench.db.url}),
 * which the calling script empties first.
 */
final class BenchApp {

	private BenchApp() {
	}

	static ConfigurableApplicationContext start(String db) {
		return start(db, Map.of());
	}

	/**
	 * With further settings over the benchmark's own, such as the job executor's, and further sources of beans
	 * (classes without a stereotype, so that no other test scans them).
	 */
	static ConfigurableApplicationContext start(String db, Map<String, Object> more, Class<?>... sources) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("civicloop.matter.demo-matters", "0");
		settings.put("civicloop.organization.demo", "true");
		settings.put("civicloop.matter.evaluation-secret", "bench-evaluation-secret-for-this-machine-only");
		settings.put("camunda.bpm.job-execution.enabled", "false");
		settings.put("logging.level.root", "WARN");
		settings.put("spring.datasource.hikari.maximum-pool-size", "20");
		if (db.equals("postgres")) {
			settings.put("spring.profiles.active", "postgres");
			settings.put("spring.datasource.url", System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/civicloop_bench"));
		}
		else {
			settings.put("spring.datasource.url", "jdbc:h2:file:"
					+ Path.of(System.getProperty("bench.h2.dir", "target/bench-h2")).toAbsolutePath() + "/civicloop");
		}
		settings.putAll(more);
		// as command-line arguments: they outrank application.yml and the environment
		String[] arguments = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		var application = new SpringApplication(CivicLoopApplication.class);
		application.addPrimarySources(java.util.List.of(sources));
		return application.run(arguments);
	}

	static String baseUrl(ConfigurableApplicationContext app) {
		return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) app).getWebServer().getPort();
	}

}
