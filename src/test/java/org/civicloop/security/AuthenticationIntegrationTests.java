package org.civicloop.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.Webapp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logging in, through {@code /api}, {@code /engine-rest} and the webapps: every failure is the same 401
 * (never a 500), takes the same time, and counts against the address it came from; service accounts have API
 * keys nobody can lock out; cadres set their password with a one-time code.
 */
@CivicLoopTest
class AuthenticationIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	/** Accounts made by a test: each with a name of its own, as failed logins are counted per account for a while. */
	private final List<String> made = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		ClockUtil.reset();
		made.forEach(identity::deleteUser);
	}

	@Test
	void everyBadLoginIsThe401ProblemWhateverTheEntrance() {
		String nopass = account("nopass.test", null, "dept-urban");
		String lock = account("lock.test", "demo", "dept-urban");
		Http http = new Http(port);
		var headers = List.of("Basic " + basic("nobody-here", "demo"), "Basic " + basic(lock, ""),
				"Basic " + basic(lock, "wrong"), "Basic " + basic(nopass, "anything"),
				"Basic " + basic(nopass, ""), "Basic " + basic("用户甲", "demo"), "Basic !!!not-base64",
				"Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()), "Bearer clk_not-a-key", "Digest x");
		for (String path : List.of("/api/matters", "/engine-rest/task", "/engine-rest/engine")) {
			for (String header : headers) {
				var response = http.send(HttpRequest.newBuilder(http.request(null, path).build().uri()).header("Authorization", header).build());
				assertThat(response.statusCode()).as(path + " with " + header).isEqualTo(401);
				assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
				assertThat(response.body()).contains("Log in with a CivicLoop account").doesNotContain("Exception");
			}
		}
		for (String user : List.of(nopass, "nobody-here", "用户甲")) {
			assertThat(Webapp.login(port, "tasklist", user, "anything").loginStatus()).as("webapp login of " + user).isEqualTo(401);
		}
	}

	@Test
	void everyFailedLoginTakesTheSameTimeWhetherTheAccountExistsOrNot() {
		String nopass = account("nopass.test", null, "dept-urban");
		String lock = account("lock.test", "demo", "dept-urban");
		Http http = new Http(port);
		Map<String, String> cases = Map.of("unknown account", basic("nobody-at-all", "Wrong-Password-1"),
				"wrong password", basic(lock, "Wrong-Password-1"), "no password set", basic(nopass, "Wrong-Password-1"));
		var medians = new java.util.TreeMap<String, Long>();
		cases.forEach((name, credentials) -> {
			var times = new ArrayList<Long>();
			for (int i = 0; i < 3; i++) {
				long started = System.nanoTime();
				var response = http.send(http.request(null, "/engine-rest/task").header("Authorization", "Basic " + credentials).build());
				times.add((System.nanoTime() - started) / 1_000_000);
				assertThat(response.statusCode()).isEqualTo(401);
			}
			medians.put(name, times.stream().sorted().toList().get(1));
		});

		assertThat(medians.values()).as("each failure waits out the same time: %s", medians).allMatch(ms -> ms >= 240);
		long spread = medians.values().stream().mapToLong(Long::longValue).max().orElseThrow()
				- medians.values().stream().mapToLong(Long::longValue).min().orElseThrow();
		assertThat(spread).as("spread of the medians %s", medians).isLessThan(150);
	}

	@Test
	void wrongPasswordsFromOneAddressLockOnlyThatAddressOutOfThatAccountAndNeverForGood() throws Exception {
		String throttle = account("throttle.test", "demo", "intake-systems");
		Http http = new Http(port);
		for (int i = 0; i < 8; i++) {
			assertThat(http.send(http.request(null, "/api/matters").header("Authorization", "Basic " + basic(throttle, "guess" + i))
				.build()).statusCode()).isEqualTo(401);
		}

		var refused = http.send(http.request(null, "/engine-rest/task").header("Authorization", "Basic " + basic(throttle, "demo")).build());
		assertThat(refused.statusCode()).as("even the right password, from this address, for a while").isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(http.get("hotline-system", "/api/matters").statusCode()).as("another account from the same address").isEqualTo(200);

		var key = issueKey(throttle);
		var byKey = http.send(http.request(null, "/api/matters").header("Authorization", "Bearer " + key).build());
		assertThat(byKey.statusCode()).as("the service account's API key is not locked").isEqualTo(200);
	}

	@Test
	void wrongPasswordsNeverLockTheAccountItself() {
		String lock = account("lock.test", "demo", "dept-urban");
		for (int i = 0; i < 12; i++) {
			assertThat(identity.checkPassword(lock, "wrong-" + i)).isFalse();
		}

		assertThat(identity.checkPassword(lock, "demo")).as("neither for good nor for a while").isTrue();
	}

	@Test
	void theEnginesOwnPasswordCheckIsNotOfferedOnAnyEntrance() {
		Http http = new Http(port);
		var engineRest = http.postJson("hotline-system", "/engine-rest/identity/verify", "{\"username\":\"housing.li\",\"password\":\"demo\"}");
		var webapp = Webapp.login(port, "tasklist", "housing.li", "demo").engine("POST", "/identity/verify",
				"{\"username\":\"urban.wang\",\"password\":\"demo\"}");

		assertThat(engineRest.statusCode()).isEqualTo(404);
		assertThat(webapp.statusCode()).isEqualTo(404);
		for (String spelling : List.of("/engine-rest/identity/verify/", "/engine-rest/identity/verify//", "/engine-rest/identity/verif%79",
				"/engine-rest/identity/verify;x=1", "/engine-rest/identity/./verify")) {
			var other = http.postJson("hotline-system", spelling, "{\"username\":\"housing.li\",\"password\":\"demo\"}");
			assertThat(other.statusCode()).as(spelling).isIn(400, 404);
			assertThat(other.body()).as(spelling).doesNotContain("authenticated");
		}
		var webappTrailing = Webapp.login(port, "tasklist", "housing.li", "demo").engine("POST", "/identity/verify/",
				"{\"username\":\"urban.wang\",\"password\":\"demo\"}");
		assertThat(webappTrailing.statusCode()).isEqualTo(404);
	}

	@Test
	void aServiceAccountWorksWithAnApiKeyUntilItIsRevoked() throws Exception {
		Http http = new Http(port);
		var issued = http.postJson("demo", "/api/accounts/wechat-system/api-keys", "{\"label\":\"微信后台（测试）\"}");
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		JsonNode answer = JSON.readTree(issued.body());
		String key = answer.path("key").asText();
		assertThat(key).startsWith("clk_").hasSizeGreaterThan(40);

		assertThat(bearer(http, "/api/matters", key).statusCode()).isEqualTo(200);
		assertThat(bearer(http, "/engine-rest/task", key).statusCode()).isEqualTo(200);
		var listed = http.get("demo", "/api/accounts/wechat-system/api-keys");
		assertThat(listed.body()).contains("微信后台（测试）").doesNotContain(key).doesNotContain(key.substring(4, 20));
		assertThat(http.postJson("housing.li", "/api/accounts/wechat-system/api-keys", "{}").statusCode()).isEqualTo(403);
		assertThat(http.postJson("demo", "/api/accounts/housing.li/api-keys", "{}").statusCode()).as("a cadre is no service account")
			.isEqualTo(400);

		var revoked = http.send(http.request("demo", "/api/accounts/wechat-system/api-keys/" + answer.path("id").asLong()).DELETE().build());
		assertThat(revoked.statusCode()).isEqualTo(204);
		assertThat(bearer(http, "/api/matters", key).statusCode()).isEqualTo(401);
		assertThat(http.get("demo", "/api/audit").body()).contains("api-key.issued", "api-key.revoked");
	}

	@Test
	void aCadreSetsTheirOwnPasswordOnceWithACodeFromAnAdministrator() throws Exception {
		String nopass = account("nopass.test", null, "dept-urban");
		Http http = new Http(port);
		assertThat(http.postJson("housing.li", "/api/accounts/" + nopass + "/password-code", "").statusCode()).isEqualTo(403);
		var issued = http.postJson("demo", "/api/accounts/" + nopass + "/password-code", "");
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		JsonNode code = JSON.readTree(issued.body());
		assertThat(code.path("link").asText()).startsWith("/password.html?account=" + nopass + "&code=");

		var wrong = setPassword(http, nopass, "WRONGCODE123", "Ein-gutes-Passwort-1");
		var weakWithWrongCode = setPassword(http, nopass, "WRONGCODE123", "x");
		var unknownAccount = setPassword(http, "no-such-account", "WRONGCODE123", "x");
		assertThat(weakWithWrongCode.body()).as("nothing tells whether the account exists").isEqualTo(unknownAccount.body()
			.replace("no-such-account", nopass));
		var set = setPassword(http, nopass, code.path("code").asText(), "Ein-gutes-Passwort-1");
		var again = setPassword(http, nopass, code.path("code").asText(), "Noch-ein-Passwort-2");

		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
		assertThat(again.statusCode()).as("a code is used once").isEqualTo(400);
		assertThat(http.send(http.request(null, "/engine-rest/task").header("Authorization", "Basic "
				+ basic(nopass, "Ein-gutes-Passwort-1")).build()).statusCode()).isEqualTo(200);
		assertThat(http.get(null, "/password.html").body()).contains("设置您的 CivicLoop 密码");
		assertThat(http.get("demo", "/api/audit").body()).contains("password.code-issued", "password.set-with-code");
	}

	@Test
	void engineRestAnswersWithoutABodyAreNeverTurnedInto500() {
		Http http = new Http(port);
		var policy = http.get("demo", "/engine-rest/identity/password-policy");
		assertThat(policy.statusCode()).as("no policy in the demo").isIn(200, 404);
		assertThat(policy.statusCode()).isNotEqualTo(500);
		var options = http.send(http.request("demo", "/engine-rest/task").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
		assertThat(options.statusCode()).isLessThan(500);
		var noContent = http.send(http.request("demo", "/engine-rest/filter/does-not-exist").DELETE().build());
		assertThat(noContent.statusCode()).isEqualTo(404);
		assertThat(noContent.body()).contains("\"status\":404");
	}

	private String account(String name, String password, String group) {
		String id = name + "-" + Long.toString(System.nanoTime(), 36);
		made.add(id);
		var user = identity.newUser(id);
		user.setLastName("测试");
		if (password != null) {
			user.setPassword(password);
		}
		identity.saveUser(user);
		identity.createMembership(id, group);
		return id;
	}

	private String issueKey(String account) throws Exception {
		var issued = new Http(port).postJson("demo", "/api/accounts/" + account + "/api-keys", "{\"label\":\"test\"}");
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		return JSON.readTree(issued.body()).path("key").asText();
	}

	private static HttpResponse<String> bearer(Http http, String path, String key) {
		return http.send(http.request(null, path).header("Authorization", "Bearer " + key).build());
	}

	private static HttpResponse<String> setPassword(Http http, String account, String code, String password) throws Exception {
		return http.postJson(null, "/api/public/password", JSON.writeValueAsString(Map.of("account", account, "code", code,
				"password", password)));
	}

	private static String basic(String user, String password) {
		return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
