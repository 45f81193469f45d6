package org.civicloop.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The labelled complaints ({@code src/test/resources/cases/complaints.jsonl}: 336 complaints over the 14
 * categories, 56 clusters of near-duplicates) and how well a configuration of the case index finds, for each
 * complaint asked about in turn (leave one out), cases of its category and its known near-duplicates among the
 * first five.
 */
public final class CaseRelevance {

	public record Complaint(String id, String category, String unit, String grid, String description, String reply, String outcome,
			String satisfaction, String group) {
	}

	/**
	 * @param precisionAt5 share of the first five that are of the complaint's category, averaged over all complaints
	 * @param nearDuplicateRecallAt5 share of a complaint's known near-duplicates among its first five, averaged over
	 *     the complaints that have any
	 */
	record Result(String name, double precisionAt5, double nearDuplicateRecallAt5) {

		@Override
		public String toString() {
			return String.format("%-34s precision@5 %.3f   near-duplicate recall@5 %.3f", name, precisionAt5, nearDuplicateRecallAt5);
		}

	}

	static final String FILE = "cases/complaints.jsonl";

	private CaseRelevance() {
	}

	public static List<Complaint> complaints() {
		var json = new ObjectMapper();
		var complaints = new ArrayList<Complaint>();
		try (InputStream in = CaseRelevance.class.getClassLoader().getResourceAsStream(FILE)) {
			for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode row = json.readTree(line);
				complaints.add(new Complaint(row.path("id").asText(), row.path("category").asText(), row.path("unit").asText(),
						text(row, "grid"), row.path("description").asText(), row.path("reply").asText(), row.path("outcome").asText(),
						row.path("satisfaction").asText(), text(row, "group")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return complaints;
	}

	/** The complaints as closed matters in an index of the given analyzer. */
	static CaseIndex indexOf(CaseAnalyzers analyzer, List<Complaint> complaints) {
		var index = new CaseIndex(analyzer);
		index.put(complaints.stream().map(CaseRelevance::asCase).toList());
		index.refresh();
		return index;
	}

	static CaseIndex.Case asCase(Complaint complaint) {
		return new CaseIndex.Case(complaint.id(), CaseIndex.MATTER, complaint.id(), null, complaint.category(), complaint.unit(), null,
				complaint.grid(), List.of(), complaint.description(), complaint.reply(), null, complaint.outcome(),
				complaint.satisfaction(), null);
	}

	/** Asks the index about every complaint in turn, with its category and place (as the handler's matter has them). */
	static Result measure(String name, CaseIndex index, List<Complaint> complaints, CaseIndex.Weights weights) {
		Map<String, Complaint> byId = complaints.stream().collect(Collectors.toMap(Complaint::id, complaint -> complaint));
		Map<String, Set<String>> groups = complaints.stream().filter(complaint -> complaint.group() != null)
			.collect(Collectors.groupingBy(Complaint::group, Collectors.mapping(Complaint::id, Collectors.toSet())));
		double precision = 0;
		double recall = 0;
		int withDuplicates = 0;
		for (Complaint asked : complaints) {
			var top = index.similar(asked.description(), asked.category(), asked.grid(), asked.unit(), weights, 5, asked.id()).stream()
				.map(hit -> hit.found().id()).toList();
			precision += top.stream().filter(id -> byId.get(id).category().equals(asked.category())).count() / 5.0;
			if (asked.group() != null) {
				var duplicates = new HashSet<>(groups.get(asked.group()));
				duplicates.remove(asked.id());
				recall += top.stream().filter(duplicates::contains).count() / (double) duplicates.size();
				withDuplicates++;
			}
		}
		return new Result(name, precision / complaints.size(), recall / withDuplicates);
	}

	/**
	 * The baseline: the five latest-listed other complaints of the same category, knowing the category and nothing
	 * of the text.
	 */
	static Result categoryOnly(List<Complaint> complaints) {
		double recall = 0;
		int withDuplicates = 0;
		for (Complaint asked : complaints) {
			var top = complaints.stream().filter(other -> other != asked && other.category().equals(asked.category()))
				.limit(5).toList();
			if (asked.group() != null) {
				long duplicates = complaints.stream().filter(other -> other != asked && asked.group().equals(other.group())).count();
				recall += top.stream().filter(other -> asked.group().equals(other.group())).count() / (double) duplicates;
				withDuplicates++;
			}
		}
		return new Result("category only (baseline)", 1.0, recall / withDuplicates);
	}

	private static String text(JsonNode row, String field) {
		return row.path(field).isTextual() ? row.path(field).asText() : null;
	}

}
