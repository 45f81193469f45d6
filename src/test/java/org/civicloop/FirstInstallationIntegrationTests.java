package org.civicloop;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county IT office's first day, as the README tells it: the {@code postgres} profile on an empty PostgreSQL
 * database, nothing but the evaluation secret set. Nobody can log in until the first administrator is made
 * through the one-time setup link in the log; the password policy holds; cadres get their passwords from an
 * administrator's one-time code or from Camunda Admin. Runs in a JVM of its own (the {@code first-installation}
 * execution in pom.xml), like the quick start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"civicloop.matter.evaluation-secret=first-installation-secret-of-this-test-run", "camunda.bpm.job-execution.enabled=false",
		"logging.level.root=WARN", "logging.level.org.civicloop=INFO" })
@ActiveProfiles("postgres")
@ExtendWith({ FirstInstallationIntegrationTests.FreshPostgres.class, OutputCaptureExtension.class })
class FirstInstallationIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern SETUP_LINK = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)");

	private static final String ADMIN_PASSWORD = "Qinghe-Admin-2026!";

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	/** An empty PostgreSQL database of this test's own, or the test skipped when there is no server (not in CI). */
	static final class FreshPostgres implements ExecutionCondition {

		static String url;

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (url == null) {
				url = TestDatabase.freshPostgres("civicloop_first");
			}
			return url == null ? ConditionEvaluationResult.disabled("no PostgreSQL") : ConditionEvaluationResult.enabled(url);
		}

	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> FreshPostgres.url);
	}

	@Test
	void aFreshInstallationReachesALoggedInAdministratorWithoutAnySharedPassword(CapturedOutput output) throws Exception {
		Http http = new Http(port);
		// nobody can log in: no demo administrator, no shared password, accounts without one
		assertThat(identity.createUserQuery().userId("demo").count()).as("no demo administrator").isZero();
		assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isZero();
		assertThat(status(http, "/engine-rest/task", "demo", "demo")).isEqualTo(401);
		assertThat(status(http, "/engine-rest/task", "housing.li", "")).isEqualTo(401);
		assertThat(status(http, "/api/matters", "housing.li", "anything")).isEqualTo(401);
		assertThat(Webapp.login(port, "tasklist", "housing.li", "anything").loginStatus()).isEqualTo(401);

		// the setup page answers only the browser that opened the link printed once in the log
		var matcher = SETUP_LINK.matcher(output.getAll());
		assertThat(matcher.find()).as("the setup link in the log").isTrue();
		String token = matcher.group(1);
		var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		assertThat(createAdministrator(browser, "itadmin", ADMIN_PASSWORD).statusCode()).as("without the link").isEqualTo(403);
		assertThat(browser.send(get("/setup?token=guessed"), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
		var opened = browser.send(get("/setup?token=" + token), HttpResponse.BodyHandlers.discarding());
		assertThat(opened.statusCode()).isEqualTo(302);
		assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).contains("/camunda/app/admin/"));
		var weak = createAdministrator(browser, "itadmin", "demo");
		assertThat(weak.statusCode()).as("the password policy: " + weak.body()).isEqualTo(400);
		var made = createAdministrator(browser, "itadmin", ADMIN_PASSWORD);
		assertThat(made.statusCode()).as(made.body()).isEqualTo(204);
		assertThat(createAdministrator(browser, "second", ADMIN_PASSWORD + "x").statusCode()).as("setup is over").isEqualTo(403);

		// the administrator works: Admin, engine REST, the password policy
		assertThat(Webapp.login(port, "admin", "itadmin", ADMIN_PASSWORD).loginStatus()).isEqualTo(200);
		assertThat(status(http, "/engine-rest/task", "itadmin", ADMIN_PASSWORD)).isEqualTo(200);
		var policy = send(http, "GET", "/engine-rest/identity/password-policy", "itadmin", ADMIN_PASSWORD, null);
		assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
		assertThat(policy.body()).contains("PASSWORD_POLICY_LENGTH");

		// a cadre sets their own password with a one-time code; the policy holds there too
		var issued = send(http, "POST", "/api/accounts/housing.li/password-code", "itadmin", ADMIN_PASSWORD, "");
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		String code = JSON.readTree(issued.body()).path("code").asText();
		var tooWeak = http.postJson(null, "/api/public/password", password("housing.li", code, "housing123"));
		assertThat(tooWeak.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(tooWeak.body()).path("violatedRules").toString()).contains("PASSWORD_POLICY_UPPERCASE");
		assertThat(http.postJson(null, "/api/public/password", password("housing.li", code, "Zhuchao-Li-2026#")).statusCode()).isEqualTo(204);
		assertThat(Webapp.login(port, "tasklist", "housing.li", "Zhuchao-Li-2026#").loginStatus()).isEqualTo(200);

		// an administrator resets a cadre's password in Camunda Admin
		var admin = Webapp.login(port, "admin", "itadmin", ADMIN_PASSWORD);
		var reset = admin.engine("PUT", "/user/transport.he/credentials", JSON.writeValueAsString(java.util.Map.of(
				"password", "Jiaotong-He-2026$", "authenticatedUserPassword", ADMIN_PASSWORD)));
		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
		var weakReset = admin.engine("PUT", "/user/transport.he/credentials", JSON.writeValueAsString(java.util.Map.of(
				"password", "123", "authenticatedUserPassword", ADMIN_PASSWORD)));
		assertThat(weakReset.statusCode()).isEqualTo(400);
		assertThat(status(http, "/engine-rest/task", "transport.he", "Jiaotong-He-2026$")).isEqualTo(200);

		User administrator = identity.createUserQuery().memberOfGroup("camunda-admin").singleResult();
		assertThat(administrator.getId()).isEqualTo("itadmin");
	}

	private HttpResponse<String> createAdministrator(HttpClient browser, String id, String password) throws Exception {
		String body = JSON.writeValueAsString(java.util.Map.of("profile", java.util.Map.of("id", id, "firstName", "", "lastName",
				"县信息中心", "email", id + "@qinghe.example"), "credentials", java.util.Map.of("password", password)));
		browser.send(get("/camunda/app/admin/default/"), HttpResponse.BodyHandlers.discarding());
		String csrf = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
			.filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst().orElse("");
		return browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/setup/default/user/create"))
			.header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static int status(Http http, String path, String user, String password) {
		return send(http, "GET", path, user, password, null).statusCode();
	}

	private static HttpResponse<String> send(Http http, String method, String path, String user, String password, String json) {
		var request = http.request(null, path).header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(json)).build());
	}

	private static String password(String account, String code, String password) throws Exception {
		return JSON.writeValueAsString(java.util.Map.of("account", account, "code", code, "password", password));
	}

}
