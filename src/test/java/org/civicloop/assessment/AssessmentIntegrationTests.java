package org.civicloop.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.engine.MatterProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A week of matters in 青石镇 (its own week: no other test works in June 2026) walked through the real loop:
 * the read model's figures are the ones worked out by hand, agree with a recount straight from the timeline
 * for several periods and scopes, come out the same after a rebuild, and each caller sees only its scope.
 */
@CivicLoopTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentIntegrationTests {

	/** Monday 2026-06-08, 09:00 in Asia/Shanghai. */
	private static final Instant MONDAY = Instant.parse("2026-06-08T01:00:00Z");

	private static final LocalDate WEEK_START = LocalDate.of(2026, 6, 8);

	private static final LocalDate WEEK_END = LocalDate.of(2026, 6, 14);

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MatterProcess process;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Assessment assessment;

	@Autowired
	ReadModel readModel;

	@LocalServerPort
	int port;

	AWeekOfMatters week;

	/** The week of {@link AWeekOfMatters}: A to E, the clock ending on Thursday. */
	@BeforeAll
	void aWeekOfMatters() {
		week = new AWeekOfMatters(MONDAY, process, runtime, management);
	}

	@AfterEach
	void keepTheClockOnThursday() {
		week.clockOnThursday();
	}

	@AfterAll
	void finishTheWeek() {
		week.finish();
	}

	@Test
	void theWeeksFiguresAreTheOnesWorkedOutByHand() {
		Map<String, Figures> departments = byKey(assessment.figures(Dimension.DEPARTMENTS, WEEK_START, WEEK_END, Scope.EVERYTHING));

		Figures transport = departments.get("dept-transport");
		assertThat(List.of(transport.received(), transport.signedOnTime(), transport.returned(), transport.redispatched(), transport.closed(),
				transport.closedOnTime(), transport.reworked(), transport.overdueNow()))
			.as("received A B C E; signed A C; returned B; closed A C; reworked C; E overdue").containsExactly(4L, 2L, 1L, 1L, 2L, 2L, 1L, 1L);
		assertThat(transport.onTimeRate()).isEqualTo(1.0);
		assertThat(transport.returnRate()).isEqualTo(0.25);
		assertThat(transport.reworkRate()).isEqualTo(0.5);
		assertThat(transport.responseRate()).isEqualTo(1.0);
		assertThat(transport.satisfactionRate()).isEqualTo(1.0);
		assertThat(transport.resolutionRate()).isEqualTo(1.0);
		assertThat(transport.score()).isEqualTo(100.0);
		assertThat(transport.loop().p50Hours()).isNotNull();

		Figures urban = departments.get("dept-urban");
		assertThat(List.of(urban.received(), urban.closed(), urban.closedOnTime())).containsExactly(1L, 1L, 1L);
		assertThat(urban.satisfactionRate()).as("basically satisfied counts 0.8").isEqualTo(0.8);
		assertThat(urban.score()).as("0.2 + 0.3 + 0.2 + 0.3 x 0.8").isEqualTo(94.0);

		Figures village = departments.get("office-qingshi");
		assertThat(List.of(village.received(), village.warned(), village.urged(), village.signedOnTime(), village.closed(), village.overdueNow()))
			.containsExactly(1L, 1L, 1L, 0L, 0L, 0L);
		assertThat(village.responseRate()).as("signed for after its limit").isEqualTo(0.0);
		assertThat(village.onTimeRate()).isNull();

		Map<String, Figures> units = byKey(assessment.figures(Dimension.UNITS, WEEK_START, WEEK_END, Scope.EVERYTHING));
		assertThat(units.get("shangtang").received()).isEqualTo(1);
		assertThat(units.get("qingshi").received()).as("the town with its village").isEqualTo(5);
		assertThat(units.get("qingshi").closed()).isEqualTo(3);
		assertThat(units.get("qingshi").satisfactionRate()).isEqualTo(0.9333);
		assertThat(units.get("qinghe").received()).as("the county holds all").isGreaterThanOrEqualTo(5);

		Map<String, Figures> categories = byKey(assessment.figures(Dimension.CATEGORIES, WEEK_START, WEEK_END, Scope.EVERYTHING));
		assertThat(categories.get("road-damage").received()).isEqualTo(4);
		assertThat(categories.get("garbage").received()).isEqualTo(1);

		Map<String, Figures> cadres = byKey(assessment.figures(Dimension.CADRES, WEEK_START, WEEK_END, Scope.EVERYTHING));
		assertThat(cadres.get("transport.he").received()).as("answered A B C at sign-for").isEqualTo(3);
		assertThat(cadres.get("transport.he").name()).isNotEqualTo("transport.he");
		assertThat(cadres.get("urban.wang").signedOnTime()).isEqualTo(1);
	}

	@Test
	void theReadModelAgreesWithARecountFromTheTimelineForSeveralPeriodsAndScopes() {
		Scope town = new Scope(false, Set.of("office-qingshi"), Set.of("qingshi", "shangtang", "xiatang"));
		LocalDate[][] periods = { { WEEK_START, WEEK_END }, { WEEK_START, WEEK_START }, { WEEK_START.plusDays(3), WEEK_END },
				{ LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30) }, { LocalDate.of(2026, 5, 20), LocalDate.of(2026, 7, 3) } };
		for (LocalDate[] period : periods) {
			for (Scope scope : List.of(Scope.EVERYTHING, town, new Scope(false, Set.of("dept-transport"), Set.of()))) {
				var figures = byKey(assessment.figures(Dimension.DEPARTMENTS, period[0], period[1], scope));
				var recount = recount(period[0], period[1], scope);
				assertThat(figures.keySet()).as("departments %s %s", List.of(period), scope).containsAll(recount.keySet());
				recount.forEach((department, counted) -> {
					Figures f = figures.get(department);
					assertThat(List.of(f.received(), f.returned(), f.closed(), f.reworked(), f.warned(), f.urged()))
						.as("%s %s %s", department, List.of(period), scope).isEqualTo(counted);
				});
			}
		}
	}

	@Test
	void aRebuildFromTheRecordsGivesTheSameTables() {
		String facts = "select * from kpi_matter order by matter_id";
		String days = "select * from kpi_day order by on_day, department, unit_id, category";
		String months = "select * from kpi_month order by on_month, department, unit_id, category";
		String cadres = "select * from kpi_cadre_day order by on_day, cadre, department, unit_id";
		var liveFacts = jdbc.sql(facts).query().listOfRows();
		var liveDays = jdbc.sql(days).query().listOfRows();
		var liveMonths = jdbc.sql(months).query().listOfRows();
		var liveCadres = jdbc.sql(cadres).query().listOfRows();
		assertThat(liveDays).isNotEmpty();
		assertThat(liveMonths).isNotEmpty();
		assertThat(liveCadres).isNotEmpty();

		int matters = readModel.rebuild();

		assertThat(matters).isEqualTo(jdbc.sql("select count(*) from matter").query(Integer.class).single());
		assertSameRows(jdbc.sql(facts).query().listOfRows(), liveFacts);
		assertSameRows(jdbc.sql(days).query().listOfRows(), liveDays);
		assertSameRows(jdbc.sql(months).query().listOfRows(), liveMonths);
		assertSameRows(jdbc.sql(cadres).query().listOfRows(), liveCadres);
	}

	/** The same rows, and where not, only the rows that differ. */
	private static void assertSameRows(List<Map<String, Object>> rebuilt, List<Map<String, Object>> live) {
		var missing = new java.util.ArrayList<>(live);
		missing.removeAll(rebuilt);
		var extra = new java.util.ArrayList<>(rebuilt);
		extra.removeAll(live);
		assertThat(extra).as("rows the rebuild made that live recording did not, against %s", missing).isEmpty();
		assertThat(missing).as("rows live recording made that the rebuild did not").isEmpty();
	}

	@Test
	void eachCallerSeesItsOwnScopeAndBadRequestsAreNamed() throws Exception {
		var http = new Http(port);
		String week = "?from=2026-06-08&to=2026-06-14";

		assertThat(keys(http.get("urban.wang", "/api/kpi/departments" + week).body())).containsExactly("dept-urban");
		assertThat(keys(http.get("qingshi.shen", "/api/kpi/units" + week).body())).contains("qingshi", "shangtang")
			.doesNotContain("qinghe", "hebin");
		assertThat(keys(http.get("qingshi.shen", "/api/kpi/departments" + week).body())).as("its own, and the departments' in its town")
			.containsExactly("dept-transport", "dept-urban", "office-qingshi");
		assertThat(keys(http.get("transport.he", "/api/kpi/units" + week).body())).as("units of its own matters only")
			.containsExactly("qinghe", "qingshi");
		assertThat(keys(http.get("leader", "/api/kpi/departments" + week).body())).contains("dept-transport", "dept-urban", "office-qingshi");
		var transport = JSON.readTree(http.get("dispatcher", "/api/kpi/departments" + week).body());
		assertThat(transport.findValues("onTimeRate")).isNotEmpty();

		assertThat(http.get("designer", "/api/kpi/departments" + week).statusCode()).isEqualTo(403);
		assertThat(http.get(null, "/api/kpi/departments" + week).statusCode()).isEqualTo(401);
		var bad = http.get("leader", "/api/kpi/departments?from=2026-13-01&to=last-week");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(bad.body()).path("errors").fieldNames()).toIterable().containsExactly("from", "to");
		assertThat(http.get("leader", "/api/kpi/departments?from=2026-06-14&to=2026-06-08").statusCode()).isEqualTo(400);
		assertThat(http.get("leader", "/api/kpi/regions" + week).statusCode()).isEqualTo(400);
		assertThat(http.postJson("leader", "/api/kpi/rebuild", "{}").statusCode()).isEqualTo(403);
	}

	/** Per department, counted straight from the timeline rows: received, returned, closed, reworked, warned, urged. */
	private Map<String, List<Long>> recount(LocalDate from, LocalDate to, Scope scope) {
		var start = java.sql.Timestamp.from(from.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
		var end = java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
		var counts = new HashMap<String, long[]>();
		String[] kinds = { "TASK_CREATED", "RETURNED", "CLOSED", "REWORK", "WARNING", "URGE" };
		jdbc.sql("""
				select e.kind, e.stage, e.department, m.unit_id from matter_event e join matter m on m.id = e.matter_id
				where e.occurred_at >= :start and e.occurred_at < :end""")
			.param("start", start).param("end", end)
			.query(rs -> {
				String kind = rs.getString("kind");
				int index = List.of(kinds).indexOf(kind);
				String department = rs.getString("department");
				if (index < 0 || (kind.equals("TASK_CREATED") && !"sign-for".equals(rs.getString("stage")))) {
					return;
				}
				if (!scope.everything() && !scope.departments().contains(department) && !scope.units().contains(rs.getString("unit_id"))) {
					return;
				}
				counts.computeIfAbsent(department, any -> new long[kinds.length])[index]++;
			});
		return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				entry -> java.util.Arrays.stream(entry.getValue()).boxed().toList()));
	}

	private static Map<String, Figures> byKey(List<Figures> figures) {
		return figures.stream().collect(Collectors.toMap(Figures::key, Function.identity()));
	}

	private static List<String> keys(String body) throws Exception {
		var keys = new java.util.ArrayList<String>();
		for (JsonNode row : JSON.readTree(body)) {
			keys.add(row.path("key").asText());
		}
		return keys;
	}

}
