package org.civicloop.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The health says whether PostgreSQL vacuums the engine's runtime tables, to those who may read its details. */
@CivicLoopTest
class VacuumHealthIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void warnsOperatorsWhenPostgresqlDoesNotVacuum() throws Exception {
		var http = new Http(port);
		JsonNode vacuum = JSON.readTree(http.get("ops", "/actuator/health").body()).path("components").path("vacuum");

		assertThat(vacuum.path("status").asText()).as(vacuum.toString()).isEqualTo("UP");
		if (TestDatabase.isPostgres()) {
			boolean on = "on".equals(jdbc.sql("show autovacuum").query(String.class).single())
					&& "on".equals(jdbc.sql("show track_counts").query(String.class).single());
			assertThat(vacuum.path("details").path("autovacuum").asText()).isEqualTo(on ? "on" : "off");
			assertThat(vacuum.path("details").path("warning").asText()).isEqualTo(on ? "" : VacuumHealth.WARNING);
		}
		else {
			assertThat(vacuum.path("details").path("database").asText()).startsWith("H2");
			assertThat(vacuum.path("details").has("warning")).isFalse();
		}
		assertThat(JSON.readTree(http.get("transport.he", "/actuator/health").body()).path("components").isMissingNode())
			.as("no details for cadres").isTrue();
	}

}
