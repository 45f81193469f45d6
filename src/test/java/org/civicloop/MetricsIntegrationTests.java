package org.civicloop;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus endpoint is for operators and administrators, and carries CivicLoop's own figures: intake, open
 * and overdue matters by stage, the job executor, the outbox and the guardrails' refusals.
 */
@CivicLoopTest
class MetricsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void operatorsScrapeCivicLoopsFiguresAndNobodyElse() {
		Http http = new Http(port);
		var registered = http.postJson("hotline-system", "/api/matters", """
				{"channel": "hotline", "type": "complaint", "category": "street-light", "urgency": "normal",
				 "description": "河滨社区7号楼前路灯连续三晚不亮", "unit": "hebin", "location": {"address": "河滨社区7号楼"},
				 "reporter": {"name": "指标", "phone": "13811112222"}}""");
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

		var scraped = http.get("ops", "/actuator/prometheus");
		assertThat(scraped.statusCode()).isEqualTo(200);
		assertThat(scraped.body()).contains("civicloop_matters_registered_total{channel=\"hotline\"}",
				"civicloop_matters_open{stage=\"sign-for\"}", "civicloop_matters_overdue{stage=\"handle\"}",
				"civicloop_jobs{state=\"due\"}", "civicloop_jobs{state=\"lock-expired\"}", "civicloop_jobs_acquisition_total{result=\"attempt\"}",
				"civicloop_notifications_deliveries{state=\"dead\"}", "hikaricp_connections_active", "http_server_requests_seconds_count");
		assertThat(scraped.body()).doesNotContain("13811112222");
		assertThat(http.get("demo", "/actuator/prometheus").statusCode()).as("administrators").isEqualTo(200);

		for (String other : List.of("leader", "dispatcher", "transport.he", "designer")) {
			assertThat(http.get(other, "/actuator/prometheus").statusCode()).as(other).isEqualTo(403);
		}
		assertThat(http.get(null, "/actuator/prometheus").statusCode()).isEqualTo(401);
	}

}
