package org.civicloop.assessment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.engine.MatterProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily reports and weekly notes of a week of matters (its own week, from Monday 2026-07-13): what they say,
 * that they are made once however many nodes try, who is told, and who may read them.
 */
@CivicLoopTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsIntegrationTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final LocalDate MONDAY = LocalDate.of(2026, 7, 13);

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MatterProcess process;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	ReportSchedule schedule;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	private AWeekOfMatters week;

	@BeforeAll
	void aWeekOfMatters() {
		week = new AWeekOfMatters(MONDAY.atTime(9, 0).atZone(SHANGHAI).toInstant(), process, runtime, management);
	}

	@AfterAll
	void resetTheClock() {
		ClockUtil.reset();
	}

	@Test
	void aDaysReportsAreMadeOnceWhenTheirTimeHasComeHoweverManyNodesTry() throws Exception {
		assertThat(schedule.makeDue(at("2026-07-16T07:00").time())).as("before 07:30").extracting(Reports.Report::kind).doesNotContain("daily");

		// two nodes at 07:31, at the same moment
		var nodes = Executors.newFixedThreadPool(2);
		Callable<List<Reports.Report>> node = () -> schedule.makeDue(at("2026-07-16T07:31").time());
		var first = nodes.submit(node);
		var second = nodes.submit(node);
		int made = first.get().size() + second.get().size();
		nodes.shutdown();
		assertThat(jdbc.sql("select count(*) from kpi_report where kind = 'daily' and period_start = :day")
			.param("day", java.sql.Date.valueOf(MONDAY.plusDays(2))).query(Integer.class).single()).as("the county and its two towns, once")
			.isEqualTo(3);
		assertThat(made).isEqualTo(3);
		assertThat(schedule.makeDue(at("2026-07-16T09:00").time())).as("made already").isEmpty();
	}

	@Test
	void mondaysDailyReportsSayWhatHappenedAndTellLeadersAndTowns() {
		madeForTheWeek();
		String county = html("daily", "qinghe");
		assertThat(county).contains("清河县诉求办理日报（2026-07-13）", "受理 5 件，办结 3 件", "部门排名", "红榜", week.e.trackingNo());
		assertThat(county).doesNotContain("赵六", "13700001111", "钱七");
		String town = html("daily", "qingshi");
		assertThat(town).contains("青石镇", week.e.trackingNo());
		assertThat(inbox("leader", "daily-report", "2026-07-13")).as("the county's leaders").isEqualTo(1);
		assertThat(inbox("qingshi.shen", "daily-report", "2026-07-13")).as("the town's office").isEqualTo(1);
		assertThat(inbox("transport.he", "daily-report", "2026-07-13")).isZero();
	}

	@Test
	void eachDepartmentsWeeklyNotePraisesAndNamesItsShortfallsWithItsPosition() {
		madeForTheWeek();
		String transport = html("weekly", "dept-transport");
		assertThat(transport).contains("值得肯定", week.a.trackingNo(), week.c.trackingNo(), "需要改进", "超期未办", week.e.trackingNo(), "退单",
				week.b.trackingNo(), "重办", "排名第");
		assertThat(html("weekly", "dept-urban")).contains("本周受理 1 件", "满意率 80.0%", "本周无超期、退单、重办和不满意事项");
		assertThat(html("weekly", "office-qingshi")).contains("本周受理 1 件");
		assertThat(inbox("transport.he", "weekly-note", "2026-07-13")).isEqualTo(1);
	}

	@Test
	void eachCallerReadsTheReportsInItsSight() throws Exception {
		madeForTheWeek();
		var http = new Http(port);
		String daily = "/api/kpi/reports?kind=daily&from=2026-07-13&to=2026-07-13";
		assertThat(scopes(http.get("leader", daily).body())).contains("qinghe", "qingshi");
		assertThat(scopes(http.get("qingshi.shen", daily).body())).containsExactly("qingshi");
		assertThat(scopes(http.get("transport.he", "/api/kpi/reports?kind=weekly&from=2026-07-13&to=2026-07-13").body()))
			.containsExactly("dept-transport");

		long countyId = id("daily", "qinghe");
		var page = http.get("dispatcher", "/api/kpi/reports/" + countyId);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		var csv = http.get("leader", "/api/kpi/reports/" + countyId + "/csv");
		assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
		assertThat(csv.body()).startsWith("\uFEFF部门编号,部门,受理").contains("dept-transport");
		assertThat(http.get("qingshi.shen", "/api/kpi/reports/" + countyId).statusCode()).as("the county's report").isEqualTo(404);
		assertThat(http.get("designer", daily).statusCode()).isEqualTo(403);
		assertThat(http.get(null, daily).statusCode()).isEqualTo(401);
		assertThat(http.postJson("leader", "/api/kpi/reports?kind=daily&from=2026-07-15", "{}").statusCode()).isEqualTo(403);
		assertThat(http.postJson("demo", "/api/kpi/reports?kind=daily&from=2026-07-13", "{}").statusCode()).as("made already").isEqualTo(409);
		assertThat(http.postJson("demo", "/api/kpi/reports?kind=weekly&from=2026-07-14", "{}").statusCode()).as("not a Monday").isEqualTo(400);
	}

	/** Monday's daily reports (made on Tuesday morning) and the week's notes (made the next Monday). */
	private void madeForTheWeek() {
		schedule.makeDue(at("2026-07-14T07:31").time());
		schedule.makeDue(at("2026-07-20T08:01").time());
	}

	private record ZonedNow(java.time.ZonedDateTime time) {
	}

	private static ZonedNow at(String shanghaiTime) {
		var time = LocalDateTime.parse(shanghaiTime).atZone(SHANGHAI);
		ClockUtil.setCurrentTime(java.util.Date.from(time.toInstant()));
		return new ZonedNow(time);
	}

	private long id(String kind, String scope) {
		return jdbc.sql("select id from kpi_report where kind = :kind and scope = :scope and period_start = :from").param("kind", kind)
			.param("scope", scope).param("from", java.sql.Date.valueOf(MONDAY)).query(Long.class).single();
	}

	private String html(String kind, String scope) {
		return jdbc.sql("select html from kpi_report where id = :id").param("id", id(kind, scope)).query(String.class).single();
	}

	/** Notifications of a kind about the reports from {@code from}. */
	private int inbox(String recipient, String kind, String from) {
		return jdbc.sql("select count(*) from notification n join kpi_report r on n.dedup_key like 'report:' || r.id || ':%'"
				+ " where n.recipient = :recipient and n.kind = :kind and r.period_start = :from")
			.param("recipient", recipient).param("kind", kind).param("from", java.sql.Date.valueOf(from))
			.query(Integer.class).single();
	}

	private static List<String> scopes(String body) throws Exception {
		var scopes = new java.util.ArrayList<String>();
		for (JsonNode row : JSON.readTree(body)) {
			scopes.add(row.path("scope").asText());
		}
		return scopes;
	}

}
