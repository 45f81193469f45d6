package org.civicloop.security;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.civicloop.CivicLoopTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Which webapps each role logs in to, through the webapps' own login (with its CSRF token, as a browser sends it). */
@CivicLoopTest
class WebappAccessIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void eachRoleOpensOnlyTheWebappsOfItsJob() throws Exception {
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("demo", "tasklist:200 cockpit:200 admin:200");
		expected.put("designer", "tasklist:200 cockpit:200 admin:403");
		expected.put("operator", "tasklist:200 cockpit:403 admin:403");
		expected.put("housing.li", "tasklist:200 cockpit:403 admin:403");
		expected.put("shangtang.yang", "tasklist:200 cockpit:403 admin:403");
		expected.put("shangtang.admin", "tasklist:200 cockpit:200 admin:403");
		expected.put("leader", "tasklist:403 cockpit:200 admin:403");
		expected.put("ops", "tasklist:403 cockpit:200 admin:403");
		expected.put("hotline-system", "tasklist:403 cockpit:403 admin:403");

		Map<String, String> actual = new LinkedHashMap<>();
		for (String user : expected.keySet()) {
			actual.put(user, "tasklist:" + login(user, "tasklist") + " cockpit:" + login(user, "cockpit") + " admin:"
					+ login(user, "admin"));
		}

		assertThat(actual).isEqualTo(expected);
	}

	private int login(String user, String app) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		var page = browser.send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).build(),
				HttpResponse.BodyHandlers.discarding());
		String token = page.headers().firstValue("X-XSRF-TOKEN").orElse("");
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
		var login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
			.header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		return login.statusCode();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
