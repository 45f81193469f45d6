package org.civicloop.calendar;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar over HTTP: due dates for any account, the years of holidays kept by administrators. */
@CivicLoopTest
class CalendarIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	BusinessCalendar calendar;

	private Http http;

	@BeforeEach
	void http() {
		http = new Http(port);
	}

	@Test
	void answersADueDateAcrossNationalDay() throws Exception {
		var answer = http.get("transport.he", due("2026-09-30T16:00:00+08:00", "5", "WORKING_DAYS"));

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode due = JSON.readTree(answer.body());
		assertThat(due.path("due").asText()).isEqualTo("2026-10-13T08:00:00Z");
		assertThat(due.path("dueLocal").asText()).isEqualTo("2026-10-13T16:00:00+08:00");
		assertThat(due.path("zone").asText()).isEqualTo("Asia/Shanghai");
		assertThat(due.path("countedWithWeekendsOnly")).isEmpty();
		assertThat(JSON.readTree(http.get("hotline-system", due("2026-09-30T08:00:00Z", "2", "NATURAL_HOURS")).body()).path("due").asText())
			.isEqualTo("2026-09-30T10:00:00Z");
	}

	@Test
	void saysWhichYearsItCountedWithWeekendsOnly() throws Exception {
		JsonNode due = JSON.readTree(http.get("operator", due("2036-12-31T16:00:00+08:00", "4", "WORKING_HOURS")).body());

		assertThat(due.path("dueLocal").asText()).isEqualTo("2037-01-01T11:30:00+08:00");
		assertThat(due.path("countedWithWeekendsOnly").toString()).isEqualTo("[2036,2037]");
	}

	@Test
	void badInputNamesEveryMistakeAndAnonymousCallersAreRefused() throws Exception {
		var answer = http.get("operator", "/api/calendar/due?from=yesterday&amount=-3&unit=WEEKS");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(answer.body()).path("errors").fieldNames()).toIterable().containsExactly("amount", "from", "unit");
		assertThat(http.get("operator", due("2026-09-30T16:00:00", "1", "WORKING_DAYS")).statusCode()).as("no offset").isEqualTo(400);
		assertThat(http.get("operator", due("2026-09-30T16:00:00Z", "1001", "WORKING_DAYS")).statusCode()).isEqualTo(400);
		assertThat(http.get(null, due("2026-09-30T16:00:00Z", "1", "WORKING_DAYS")).statusCode()).isEqualTo(401);
	}

	@Test
	void administratorsLoadAYearAndEveryLimitCountsWithIt() throws Exception {
		String year2031 = """
				{"year": 2031,
				 "off": [{"name": "国庆节", "from": "2031-10-01", "to": "2031-10-07"}],
				 "worked": [{"name": "国庆节调休", "date": "2031-09-28"}]}""";
		assertThat(calendar.workingDay(java.time.LocalDate.parse("2031-10-01"))).as("a Wednesday, before the year is loaded").isTrue();

		assertThat(put("shangtang.admin", 2031, year2031).statusCode()).isEqualTo(403);
		assertThat(put("designer", 2031, year2031).statusCode()).isEqualTo(403);
		var wrong = put("demo", 2031, year2031.replace("2031-09-28", "2031-09-29"));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("worked[0]", "weekday");
		assertThat(http.get("demo", "/api/calendar/years/2031").statusCode()).as("nothing stored").isEqualTo(404);

		var stored = put("demo", 2031, year2031);
		assertThat(stored.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(stored.body()).path("off").get(0).path("to").asText()).isEqualTo("2031-10-07");
		assertThat(calendar.workingDay(java.time.LocalDate.parse("2031-10-01"))).isFalse();
		assertThat(calendar.workingDay(java.time.LocalDate.parse("2031-09-28"))).as("a Sunday, worked").isTrue();
		JsonNode due = JSON.readTree(http.get("operator", due("2031-09-30T10:00:00+08:00", "1", "WORKING_DAYS")).body());
		assertThat(due.path("dueLocal").asText()).isEqualTo("2031-10-08T10:00:00+08:00");
		assertThat(due.path("countedWithWeekendsOnly")).isEmpty();

		JsonNode years = JSON.readTree(http.get("operator", "/api/calendar/years").body());
		assertThat(years.path("years").findValuesAsText("year")).contains("2025", "2026", "2031");
		assertThat(years.path("years").findValuesAsText("updatedBy")).contains("demo");
		assertThat(put("demo", 2032, year2031).statusCode()).as("the address names another year").isEqualTo(400);
		JsonNode audit = JSON.readTree(http.get("demo", "/api/audit?since=" + URLEncoder.encode(Instant.now().minusSeconds(600).toString(),
				StandardCharsets.UTF_8)).body());
		assertThat(audit.findValues("target").stream().map(JsonNode::asText)).contains("2031");
		assertThat(audit.toString()).contains("calendar.year.set");
	}

	@Test
	void theShippedYearsAreLoadedAndTheHealthNamesTheNextYearWithoutThem() throws Exception {
		JsonNode years = JSON.readTree(http.get("operator", "/api/calendar/years").body());
		assertThat(years.path("years").get(0).path("source").asText()).isEqualTo("shipped");
		int next = LocalDateTime.now(calendar.zone()).getYear() + 1;
		if (!calendar.years().contains(next)) {
			assertThat(years.path("withoutData").toString()).contains(String.valueOf(next));
			JsonNode health = JSON.readTree(http.get("ops", "/actuator/health").body());
			assertThat(health.path("components").path("calendar").path("status").asText()).as(health.toString()).isEqualTo("UP");
			assertThat(health.path("components").path("calendar").path("details").path("warning").asText())
				.contains(String.valueOf(next), "weekends only");
		}
		assertThat(JSON.readTree(http.get(null, "/actuator/health").body()).path("components").isMissingNode())
			.as("no details for anonymous callers").isTrue();
		assertThat(JSON.readTree(http.get("transport.he", "/actuator/health").body()).path("components").isMissingNode())
			.as("nor for cadres").isTrue();
	}

	private HttpResponse<String> put(String user, int year, String json) {
		return http.send(http.request(user, "/api/calendar/years/" + year).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)).build());
	}

	private static String due(String from, String amount, String unit) {
		return "/api/calendar/due?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&amount=" + amount + "&unit=" + unit;
	}

}
