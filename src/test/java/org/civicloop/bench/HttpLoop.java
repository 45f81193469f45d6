package org.civicloop.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

/**
 * One road-damage matter in 青石镇 around the loop the way people take it over HTTP: registered through the
 * facade by the hotline system, then signed for and handled by the transport bureau's cadre, reviewed and
 * return-visited by the dispatcher, each task found, claimed and submitted through {@code /engine-rest} as
 * Tasklist does it. Each matter has a reporter phone of its own, so none is taken for a repeat, and its text
 * from {@link RoadDamageTexts}.
 */
final class HttpLoop {

	static final List<String> STEPS = List.of("intake", "sign-for", "handle", "review", "return-visit");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final AtomicLong phones;

	HttpLoop(AtomicLong phones) {
		this.phones = phones;
	}

	/** Registers the next matter; its tracking number. */
	String register(BenchHttp http) throws Exception {
		return register(http, phones.incrementAndGet());
	}

	/** Registers matter number {@code matter} (also its reporter's phone); its tracking number. */
	String register(BenchHttp http, long matter) throws Exception {
		var intake = JSON.createObjectNode().put("channel", "hotline").put("type", "complaint").put("category", "road-damage")
			.put("urgency", "normal").put("description", RoadDamageTexts.description(matter)).put("unit", "qingshi");
		intake.putObject("location").put("address", "青石镇中心路");
		intake.putObject("reporter").put("name", "基准").put("phone", String.valueOf(matter));
		return JSON.readTree(http.send("hotline-system", "POST", "/api/matters", intake.toString(), 201)).path("trackingNo").asText();
	}

	/** A matter registered and taken to its close, each step's time added to {@code steps}. */
	void around(BenchHttp http, Map<String, Histogram> steps) throws Exception {
		long matter = phones.incrementAndGet();
		String trackingNo = timed(steps, "intake", () -> register(http, matter));
		timed(steps, "sign-for", () -> work(http, "transport.he", trackingNo, "task_signFor", true, Map.of("signForDecision", "sign")));
		timed(steps, "handle", () -> work(http, "transport.he", trackingNo, "task_handle", false, handled(matter)));
		timed(steps, "review", () -> work(http, "dispatcher", trackingNo, "task_review", true, reviewed()));
		timed(steps, "return-visit", () -> work(http, "dispatcher", trackingNo, "task_returnVisit", true, visited()));
	}

	private static Void work(BenchHttp http, String user, String trackingNo, String taskKey, boolean claim, Map<String, Object> input)
			throws Exception {
		JsonNode found = JSON.readTree(http.send(user, "GET", "/engine-rest/task?processInstanceBusinessKey="
				+ URLEncoder.encode(trackingNo, StandardCharsets.UTF_8) + "&taskDefinitionKey=" + taskKey, null, 200));
		if (found.size() != 1) {
			throw new IllegalStateException(trackingNo + " has " + found.size() + " open " + taskKey);
		}
		String id = found.get(0).path("id").asText();
		if (claim) {
			http.send(user, "POST", "/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + user + "\"}", 204);
		}
		var variables = JSON.createObjectNode();
		input.forEach((name, value) -> variables.putObject(name).putPOJO("value", value));
		http.send(user, "POST", "/engine-rest/task/" + id + "/submit-form", "{\"variables\":" + variables + "}", 204);
		return null;
	}

	static Map<String, Object> handled(long matter) {
		return Map.of("handlingResult", "resolved", "handlingReply", RoadDamageTexts.reply(matter));
	}

	static Map<String, Object> reviewed() {
		return Map.of("reviewDecision", "accept", "reviewNote", "处置到位，同意办结");
	}

	static Map<String, Object> visited() {
		return Map.of("satisfaction", "satisfied", "resolved", "yes", "visitNote", "电话回访，群众满意");
	}

	interface Step<T> {

		T run() throws Exception;

	}

	static <T> T timed(Map<String, Histogram> steps, String step, Step<T> work) throws Exception {
		long start = System.nanoTime();
		T result = work.run();
		steps.get(step).recordValue(System.nanoTime() - start);
		return result;
	}

}
