package org.civicloop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a citizen writes about a road-damage matter, and what the transport bureau replies, as the benchmarks'
 * matters carry them: made of two of the labelled road-damage complaints in {@code cases/complaints.jsonl} (the
 * first half of one and the second half of another: 24 × 24 texts), chosen by the matter's number. Like a
 * county's real matters, they share words but differ; the similar-case search that runs when a task is created
 * scores them as it would real ones. With {@code -Dbench.texts=same} every matter carries one text, as the
 * benchmarks did before: then every case ties with every other and the search has to score them all.
 */
final class RoadDamageTexts {

	static final boolean SAME = "same".equals(System.getProperty("bench.texts"));

	private static final List<JsonNode> COMPLAINTS = roadDamage();

	private RoadDamageTexts() {
	}

	static String description(long matter) {
		return SAME ? "基准测试：镇区主干道出现大坑" : half(first(matter), "description", true) + half(second(matter), "description", false);
	}

	static String reply(long matter) {
		return SAME ? "已安排养护队修补路面，现已恢复通行" : half(second(matter), "reply", true) + half(first(matter), "reply", false);
	}

	private static JsonNode first(long matter) {
		return COMPLAINTS.get((int) (matter % COMPLAINTS.size()));
	}

	private static JsonNode second(long matter) {
		return COMPLAINTS.get((int) (matter / COMPLAINTS.size() % COMPLAINTS.size()));
	}

	private static String half(JsonNode complaint, String field, boolean first) {
		String text = complaint.path(field).asText();
		return first ? text.substring(0, text.length() / 2) : text.substring(text.length() / 2);
	}

	private static List<JsonNode> roadDamage() {
		var json = new ObjectMapper();
		var found = new ArrayList<JsonNode>();
		try (InputStream in = RoadDamageTexts.class.getClassLoader().getResourceAsStream("cases/complaints.jsonl")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				JsonNode complaint = line.isBlank() ? null : json.readTree(line);
				if (complaint != null && complaint.path("category").asText().equals("road-damage")) {
					found.add(complaint);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (found.isEmpty()) {
			throw new IllegalStateException("no road-damage complaint in cases/complaints.jsonl");
		}
		return List.copyOf(found);
	}

}
