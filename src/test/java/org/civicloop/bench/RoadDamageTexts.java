package org.civicloop.bench;

import java.util.List;

import org.civicloop.knowledge.CaseRelevance;
import org.civicloop.knowledge.CaseRelevance.Complaint;

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

	private static final List<Complaint> COMPLAINTS = CaseRelevance.complaints().stream()
		.filter(complaint -> complaint.category().equals("road-damage")).toList();

	private RoadDamageTexts() {
	}

	static String description(long matter) {
		return SAME ? "基准测试：镇区主干道出现大坑" : half(first(matter).description(), true) + half(second(matter).description(), false);
	}

	static String reply(long matter) {
		return SAME ? "已安排养护队修补路面，现已恢复通行" : half(second(matter).reply(), true) + half(first(matter).reply(), false);
	}

	private static Complaint first(long matter) {
		return COMPLAINTS.get((int) (matter % COMPLAINTS.size()));
	}

	private static Complaint second(long matter) {
		return COMPLAINTS.get((int) (matter / COMPLAINTS.size() % COMPLAINTS.size()));
	}

	private static String half(String text, boolean first) {
		return first ? text.substring(0, text.length() / 2) : text.substring(text.length() / 2);
	}

}
