package org.civicloop.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every entrance, with the status each cell must answer. Anonymous is the first
 * column; no entrance but the public ones answers it with anything but 401.
 */
@CivicLoopTest
class RoleMatrixIntegrationTests {

	static final List<String> ROLES = List.of("anonymous", "demo", "designer", "leader", "operator", "housing.li",
			"shangtang.yang", "shangtang.admin", "ops", "hotline-system");

	static final String MATTER = """
			{"variables": {"channel": {"value": "hotline"}, "matterType": {"value": "complaint"},
			 "category": {"value": "noise"}, "urgency": {"value": "normal"}, "description": {"value": "夜间施工噪声扰民"},
			 "unit": {"value": "hebin"}, "reporterName": {"value": "测试"}, "reporterPhone": {"value": "13900000001"}}}""";

	@LocalServerPort
	int port;

	@Test
	void eachRoleGetsExactlyTheAnswerItsJobCallsFor() throws Exception {
		Http http = new Http(port);
		byte[] table = Files.readAllBytes(Path.of("processes/time-limits.dmn"));
		List<String> wrong = new ArrayList<>();
		//                                             anon demo desig lead oper hous  vill uadm ops  hotline
		check(wrong, "GET /engine-rest/task",        row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
				user -> http.get(user, "/engine-rest/task").statusCode());
		check(wrong, "GET /engine-rest/engine",      row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
				user -> http.get(user, "/engine-rest/engine").statusCode());
		check(wrong, "start matter (start form)",    row(401, 200, 403, 403, 200, 403, 403, 403, 403, 200),
				user -> http.postJson(user, "/engine-rest/process-definition/key/matter-handling/submit-form", MATTER).statusCode());
		check(wrong, "start matter (plain start)",   row(401, 403, 403, 403, 403, 403, 403, 403, 403, 403),
				user -> http.postJson(user, "/engine-rest/process-definition/key/matter-handling/start", MATTER).statusCode());
		check(wrong, "deploy shared",                row(401, 200, 200, 403, 403, 403, 403, 403, 403, 403),
				user -> http.deploy(user, null, "time-limits.dmn", table).statusCode());
		check(wrong, "deploy into tenant shangtang", row(401, 200, 200, 403, 403, 403, 403, 200, 403, 403),
				user -> http.deploy(user, "shangtang", "time-limits.dmn", table).statusCode());
		check(wrong, "GET /actuator/metrics",        row(401, 200, 403, 403, 403, 403, 403, 403, 200, 403),
				user -> http.get(user, "/actuator/metrics").statusCode());
		check(wrong, "GET /actuator/health",         row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
				user -> http.get(user, "/actuator/health").statusCode());
		check(wrong, "GET /api/audit",               row(401, 200, 403, 403, 403, 403, 403, 403, 403, 403),
				user -> http.get(user, "/api/audit").statusCode());
		check(wrong, "GET /api/public/categories",   row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
				user -> http.get(user, "/api/public/categories").statusCode());
		check(wrong, "webapp API without a session", row(401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
				user -> http.get(null, "/camunda/api/engine/engine/default/task").statusCode());
		assertThat(wrong).as("cells that answered otherwise").isEmpty();
	}

	private static int[] row(int... statuses) {
		return statuses;
	}

	private static void check(List<String> wrong, String entrance, int[] expected, Call call) throws Exception {
		for (int i = 0; i < ROLES.size(); i++) {
			String role = ROLES.get(i);
			int actual = call.status(role.equals("anonymous") ? null : role);
			if (actual != expected[i]) {
				wrong.add(entrance + " as " + role + ": expected " + expected[i] + ", got " + actual);
			}
		}
	}

	interface Call {

		int status(String user) throws Exception;

	}

}
