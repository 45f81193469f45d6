package org.civicloop.assessment;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.civicloop.Browser;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.Matter;
import org.civicloop.matter.engine.MatterProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over a week of matters in 青石镇 (its own weeks: no other test works from late March to April
 * 2026), the clock on that week's Thursday: the page and its data are for logged-in readers only, every figure
 * is the read model's and agrees with a recount from the records, every figure drills down to the matters it
 * counts, each viewer sees its own scope, and the page renders and drills down in a real browser.
 */
@CivicLoopTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIntegrationTests {

	/** Monday 2026-04-20, 09:00 in Asia/Shanghai. */
	private static final Instant MONDAY = Instant.parse("2026-04-20T01:00:00Z");

	private static final LocalDate THURSDAY = LocalDate.of(2026, 4, 23);

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MatterProcess process;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	Assessment assessment;

	@Autowired
	Reports reports;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	AWeekOfMatters week;

	@BeforeAll
	void aWeekOfMatters() {
		week = new AWeekOfMatters(MONDAY, process, runtime, management);
	}

	@BeforeEach
	void onThursday() {
		week.clockOnThursday();
	}

	@AfterAll
	void finishTheWeek() {
		week.finish();
	}

	@Test
	void thePageIsOpenItsDataOnlyForLoggedInReadersWithFigures() throws Exception {
		var page = new Http(port).get(null, "/dashboard/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("诉求办理考核看板");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
			.contains("default-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(new Http(port).get(null, "/webjars/echarts/dist/echarts.min.js").statusCode()).as("ECharts served here").isEqualTo(200);

		var anonymous = new Http(port).get(null, "/dashboard/api/kpi/overview");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("no browser login box").isEmpty();
		assertThat(JSON.readTree(anonymous.body()).path("detail").asText()).contains("Log in");

		HttpClient leader = session("leader");
		var read = send(leader, get("/dashboard/api/kpi/overview"));
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("Set-Cookie")).as("the session is read, its id left alone").isEmpty();
		var together = java.util.stream.IntStream.range(0, 6).mapToObj(i -> leader.sendAsync(get("/dashboard/api/kpi/overview"),
				HttpResponse.BodyHandlers.discarding())).toList();
		assertThat(together).as("a page's requests at once").allSatisfy(answer -> assertThat(answer.get().statusCode()).isEqualTo(200));
		var make = send(leader, HttpRequest.newBuilder(uri("/dashboard/api/kpi/reports?kind=daily&from=2026-04-21"))
			.POST(HttpRequest.BodyPublishers.noBody()).build());
		assertThat(make.statusCode()).as("the session only reads").isEqualTo(403);
		assertThat(reports.exists("daily", LocalDate.of(2026, 4, 21))).isFalse();
		assertThat(send(leader, HttpRequest.newBuilder(uri("/dashboard/api/kpi/rebuild")).POST(HttpRequest.BodyPublishers.noBody()).build())
			.statusCode()).isEqualTo(403);

		assertThat(send(session("designer"), get("/dashboard/api/kpi/overview")).statusCode()).as("no figures to see").isEqualTo(403);

		var logout = send(leader, HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/logout"))
			.header("X-XSRF-TOKEN", token(leader)).POST(HttpRequest.BodyPublishers.noBody()).build());
		assertThat(logout.statusCode()).isEqualTo(200);
		assertThat(send(leader, get("/dashboard/api/kpi/overview")).statusCode()).as("logged out").isEqualTo(401);
	}

	@Test
	void theOverviewIsTheReadModelAndAgreesWithARecountFromTheRecords() throws Exception {
		JsonNode figures = overview(session("leader")).path("figures");
		LocalDate from = THURSDAY.minusDays(Dashboard.DAYS - 1);
		assertThat(figures.path("from").asText()).isEqualTo(from.toString());
		assertThat(figures.path("to").asText()).isEqualTo(THURSDAY.toString());

		var trend = new TreeMap<String, List<Long>>();
		figures.path("trend").forEach(day -> trend.put(day.path("day").asText(), List.of(day.path("received").asLong(), day.path("closed").asLong())));
		assertThat(trend).hasSize(Dashboard.DAYS).isEqualTo(recountPerDay(from, THURSDAY));
		assertThat(trend.get("2026-04-20")).as("A to E entered the loop on Monday; A, B and C closed").containsExactly(5L, 3L);
		assertThat(figures.path("today").path("received").asLong()).isZero();

		List<Figures> expected = new ArrayList<>(assessment.figures(Dimension.DEPARTMENTS, from, THURSDAY, Scope.EVERYTHING));
		expected.sort(Comparator.comparing(Figures::score, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(Figures::closed, Comparator.reverseOrder()));
		assertThat(keys(figures.path("ranking"))).isEqualTo(expected.stream().map(Figures::key).toList());
		assertThat(figures.path("ranking").get(0).path("score").asDouble()).isEqualTo(expected.get(0).score());

		long open = 0;
		for (JsonNode stage : figures.path("stages")) {
			open += stage.path("open").asLong();
		}
		assertThat(figures.path("today").path("open").asLong()).isEqualTo(open)
			.as("open matters, recounted from the matter records").isEqualTo(jdbc.sql("select count(*) from matter where closed_at is null")
				.query(Long.class).single());
	}

	@Test
	void everyFigureDrillsDownToTheMattersItCounts() throws Exception {
		HttpClient leader = session("leader");
		JsonNode figures = overview(leader).path("figures");
		String period = "&from=" + THURSDAY.minusDays(Dashboard.DAYS - 1) + "&to=" + THURSDAY;

		JsonNode monday = drill(leader, "figure=received&from=2026-04-20&to=2026-04-20&unit=qingshi");
		assertThat(trackingNos(monday)).containsExactlyInAnyOrder(numbers(week.a, week.b, week.c, week.d, week.e));

		for (JsonNode department : figures.path("ranking")) {
			JsonNode closed = drill(leader, "figure=closed&department=" + department.path("key").asText() + period);
			assertThat(closed.path("total").asLong()).as(department.path("key").asText()).isEqualTo(department.path("closed").asLong());
		}
		assertThat(trackingNos(drill(leader, "figure=closed&department=dept-transport" + period)))
			.containsExactlyInAnyOrder(numbers(week.a, week.c));

		JsonNode heat = figures.path("heat");
		for (JsonNode cell : heat.path("cells")) {
			JsonNode category = heat.path("categories").get(cell.get(0).asInt());
			JsonNode unit = heat.path("units").get(cell.get(1).asInt());
			JsonNode matters = drill(leader, "figure=received&category=" + category.path("key").asText() + "&unit=" + unit.path("key").asText()
					+ "&under=" + unit.path("under").asBoolean() + period);
			assertThat(matters.path("total").asLong()).as("%s × %s", category.path("name"), unit.path("name")).isEqualTo(cell.get(2).asLong());
		}
		assertThat(cell(heat, "road-damage", "qingshi")).as("A B C E").isEqualTo(4);
		assertThat(cell(heat, "garbage", "qingshi")).as("D, in a village of 青石镇").isEqualTo(1);

		for (JsonNode stage : figures.path("stages")) {
			String code = stage.path("stage").asText();
			assertThat(drill(leader, "figure=open&stage=" + code).path("total").asLong()).as(code).isEqualTo(stage.path("open").asLong());
			assertThat(drill(leader, "figure=overdue&stage=" + code).path("total").asLong()).as(code).isEqualTo(stage.path("overdue").asLong());
		}
		assertThat(trackingNos(drill(leader, "figure=overdue&stage=sign-for&unit=qingshi"))).as("E, past its sign-for limit")
			.containsExactly(week.e.trackingNo());
		JsonNode e = drill(leader, "figure=overdue&unit=qingshi").path("matters").get(0);
		assertThat(e.path("overdue").asBoolean()).isTrue();
		assertThat(e.toString()).as("no citizen in a drill-down").doesNotContain("赵六").doesNotContain("13700001111");

		var bad = send(leader, get("/dashboard/api/kpi/matters?figure=sideways&unit=atlantis&category=ufo"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(bad.body()).path("errors").fieldNames()).toIterable().containsExactly("category", "figure", "unit");
		var undated = send(leader, get("/dashboard/api/kpi/matters?figure=received"));
		assertThat(JSON.readTree(undated.body()).path("errors").fieldNames()).toIterable().containsExactly("from", "to");
	}

	@Test
	void eachViewerSeesItsOwnScope() throws Exception {
		JsonNode transport = overview(session("transport.he"));
		assertThat(transport.path("scope").asText()).isEqualTo("县交通运输局");
		assertThat(keys(transport.path("figures").path("ranking"))).containsExactly("dept-transport");
		String period = "&from=2026-04-20&to=2026-04-23";
		assertThat(drill(session("transport.he"), "figure=closed&department=dept-urban" + period).path("total").asLong())
			.as("B, closed by urban management, is not transport's").isZero();

		JsonNode town = overview(session("qingshi.shen")).path("figures");
		List<String> columns = new ArrayList<>();
		town.path("heat").path("units").forEach(unit -> columns.add(unit.path("name").asText() + ":" + unit.path("under").asBoolean()));
		assertThat(columns).as("a town's view: a column per unit").contains("青石镇本级:false", "上塘村:false");

		assertThat(overview(session("supervisor")).path("scope").asText()).as("the supervision office watches every department")
			.endsWith("（全县）");

		JsonNode overBasic = JSON.readTree(new Http(port).get("leader", "/api/kpi/overview").body());
		assertThat(keys(overBasic.path("figures").path("ranking"))).as("the same on /api/kpi for county systems")
			.isEqualTo(keys(overview(session("leader")).path("figures").path("ranking")));
	}

	@Test
	void thePageRendersItsChartsAndDrillsDownInABrowser() throws Exception {
		List<String> lines = Browser.run("e2e/dashboard.js", port, "leader");
		JsonNode seen = JSON.readTree(lines.get(lines.size() - 1));
		JsonNode figures = overview(session("leader")).path("figures");

		assertThat(seen.path("tiles").path("open").asLong()).isEqualTo(figures.path("today").path("open").asLong());
		assertThat(seen.path("tiles").path("overdue").asLong()).isEqualTo(figures.path("today").path("overdue").asLong());
		seen.path("points").forEach(points -> assertThat(points.asInt()).isPositive());

		JsonNode first = figures.path("ranking").get(0);
		assertThat(seen.path("department").asText()).isEqualTo(first.path("name").asText());
		JsonNode closed = drill(session("leader"), "figure=closed&department=" + first.path("key").asText() + "&from="
				+ THURSDAY.minusDays(Dashboard.DAYS - 1) + "&to=" + THURSDAY);
		List<String> listed = new ArrayList<>();
		seen.path("drill").path("trackingNos").forEach(no -> listed.add(no.asText()));
		assertThat(listed).containsExactlyInAnyOrderElementsOf(trackingNos(closed));
		assertThat(seen.path("drill").path("total").asText()).contains("共 " + closed.path("total").asLong() + " 件");
	}

	/** Per day, the matters that first entered the loop (their first routing) and those closed, counted from the records. */
	private Map<String, List<Long>> recountPerDay(LocalDate from, LocalDate to) {
		var days = new TreeMap<String, List<Long>>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			Timestamp start = Timestamp.from(day.atStartOfDay(ZONE).toInstant());
			Timestamp end = Timestamp.from(day.plusDays(1).atStartOfDay(ZONE).toInstant());
			long received = jdbc.sql("select count(*) from (select matter_id, min(occurred_at) as first from matter_event where kind = 'ROUTED'"
					+ " group by matter_id) routed where first >= :start and first < :end").param("start", start).param("end", end)
				.query(Long.class).single();
			long closed = jdbc.sql("select count(*) from matter where closed_at >= :start and closed_at < :end").param("start", start)
				.param("end", end).query(Long.class).single();
			days.put(day.toString(), List.of(received, closed));
		}
		return days;
	}

	private static long cell(JsonNode heat, String category, String unit) {
		int row = indexOf(heat.path("categories"), category);
		int column = indexOf(heat.path("units"), unit);
		for (JsonNode cell : heat.path("cells")) {
			if (cell.get(0).asInt() == row && cell.get(1).asInt() == column) {
				return cell.get(2).asLong();
			}
		}
		return 0;
	}

	private static int indexOf(JsonNode lines, String key) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).path("key").asText().equals(key)) {
				return i;
			}
		}
		throw new AssertionError("no " + key + " in " + lines);
	}

	private static String[] numbers(Matter... matters) {
		return java.util.Arrays.stream(matters).map(Matter::trackingNo).toArray(String[]::new);
	}

	private static List<String> trackingNos(JsonNode drill) {
		List<String> numbers = new ArrayList<>();
		drill.path("matters").forEach(line -> numbers.add(line.path("trackingNo").asText()));
		assertThat(drill.path("total").asLong()).isEqualTo(numbers.size());
		return numbers;
	}

	private static List<String> keys(JsonNode ranking) {
		List<String> keys = new ArrayList<>();
		ranking.forEach(row -> keys.add(row.path("key").asText()));
		return keys;
	}

	private JsonNode overview(HttpClient session) throws Exception {
		var response = send(session, get("/dashboard/api/kpi/overview"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private JsonNode drill(HttpClient session, String query) throws Exception {
		var response = send(session, get("/dashboard/api/kpi/matters?" + query));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** A browser's session, logged in through the webapps' own login as the dashboard page does it. */
	private HttpClient session(String user) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		var login = send(browser, HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/welcome"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token(browser))
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build());
		assertThat(login.statusCode()).as("login of " + user).isEqualTo(200);
		return browser;
	}

	private String token(HttpClient browser) throws Exception {
		return send(browser, HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default")).header("X-XSRF-TOKEN", "Fetch").build())
			.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
