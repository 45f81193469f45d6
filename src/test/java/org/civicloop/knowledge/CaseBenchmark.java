package org.civicloop.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.TieredMergePolicy;

/**
 * {@code bench/cases.sh}: relevance of every analyzer on the labelled complaints (with the category and place
 * boosts the handler's similar cases use, and with text alone), then the time of a similar-cases query with
 * {@code cases} cases indexed (default 100,000: the labelled complaints recombined — sentences of one joined to
 * another's, places and categories kept — so the vocabulary stays realistic); before that, 20,000 of them in an
 * index grown as a node's library grows it, with the library's merge policy and with Lucene's default.
 */
public final class CaseBenchmark {

	private CaseBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
		var complaints = CaseRelevance.complaints();
		System.out.println("Relevance on " + complaints.size() + " labelled complaints, each asked about in turn (leave one out):");
		for (CaseAnalyzers analyzer : CaseAnalyzers.values()) {
			try (var index = CaseRelevance.indexOf(analyzer, complaints)) {
				System.out.println(CaseRelevance.measure(analyzer.name().toLowerCase() + ", category and place", index, complaints,
						CaseIndex.Weights.DEFAULT));
				System.out.println(CaseRelevance.measure(analyzer.name().toLowerCase() + ", text only", index, complaints,
						CaseIndex.Weights.TEXT_ONLY));
			}
		}
		System.out.println(CaseRelevance.categoryOnly(complaints));

		grownByRefreshes(complaints, Math.min(cases, 20_000), Math.min(queries, 2_000));
		for (CaseAnalyzers analyzer : CaseAnalyzers.values()) {
			var random = new Random(42);
			var generated = generate(complaints, cases, random);
			try (var index = new CaseIndex(analyzer)) {
				long start = System.nanoTime();
				for (int from = 0; from < generated.size(); from += 10_000) {
					index.put(generated.subList(from, Math.min(from + 10_000, generated.size())));
				}
				index.refresh();
				long indexed = System.nanoTime() - start;
				long[] times = queryTimes(index, complaints, random, queries);
				System.out.printf("%s: %,d cases indexed in %.1f s; similar-cases query over %,d queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
						analyzer.name().toLowerCase(), index.size(), indexed / 1e9, queries, times[queries / 2] / 1e6,
						times[queries * 95 / 100] / 1e6, times[queries * 99 / 100] / 1e6);
			}
		}
	}

	/**
	 * The index as a node's library grows it — a refresh every ten seconds adds a small segment — rather than
	 * in bulk: {@code cases} cases in refreshes of 200 with the default analyzer; how many segments a search
	 * then looks at and how long it takes.
	 */
	private static void grownByRefreshes(List<CaseRelevance.Complaint> complaints, int cases, int queries) throws Exception {
		grownByRefreshes(complaints, cases, queries, "the library's merge policy", CaseIndex.fewSegments());
		grownByRefreshes(complaints, cases, queries, "Lucene's default merge policy", new TieredMergePolicy());
	}

	private static void grownByRefreshes(List<CaseRelevance.Complaint> complaints, int cases, int queries, String name,
			MergePolicy merging) throws Exception {
		var random = new Random(7);
		var generated = generate(complaints, cases, random);
		try (var index = new CaseIndex(KnowledgeProperties.DEFAULT_ANALYZER, merging)) {
			for (int from = 0; from < generated.size(); from += 200) {
				index.put(generated.subList(from, Math.min(from + 200, generated.size())));
				index.refresh();
			}
			long[] times = queryTimes(index, complaints, random, queries);
			System.out.printf("%s, %,d cases grown by refreshes of 200, %s: %d segments; similar-cases query p50 %.2f ms, p95 %.2f ms%n",
					KnowledgeProperties.DEFAULT_ANALYZER.name().toLowerCase(), index.size(), name, index.segments(),
					times[queries / 2] / 1e6, times[queries * 95 / 100] / 1e6);
		}
	}

	/** The times of {@code queries} similar-cases queries for labelled complaints drawn at random, after 200 to warm up; sorted. */
	private static long[] queryTimes(CaseIndex index, List<CaseRelevance.Complaint> complaints, Random random, int queries) {
		for (int i = 0; i < 200; i++) {
			ask(index, complaints.get(random.nextInt(complaints.size())));
		}
		long[] times = new long[queries];
		for (int i = 0; i < queries; i++) {
			var asked = complaints.get(random.nextInt(complaints.size()));
			long before = System.nanoTime();
			ask(index, asked);
			times[i] = System.nanoTime() - before;
		}
		Arrays.sort(times);
		return times;
	}

	private static void ask(CaseIndex index, CaseRelevance.Complaint asked) {
		index.similar(asked.description(), asked.category(), asked.grid(), asked.unit(), CaseIndex.Weights.DEFAULT, 5, null);
	}

	/** Cases made of two labelled complaints of one category: the first's place, the first half of one and the second of the other. */
	private static List<CaseIndex.Case> generate(List<CaseRelevance.Complaint> complaints, int count, Random random) {
		var cases = new ArrayList<CaseIndex.Case>(count);
		for (int i = 0; i < count; i++) {
			var first = complaints.get(random.nextInt(complaints.size()));
			var sameCategory = complaints.stream().filter(other -> other.category().equals(first.category())).toList();
			var second = sameCategory.get(random.nextInt(sameCategory.size()));
			String description = half(first.description(), true) + half(second.description(), false);
			String reply = half(second.reply(), true) + half(first.reply(), false);
			cases.add(new CaseIndex.Case("g" + i, CaseIndex.MATTER, "G" + i, null, first.category(), first.unit(), null, first.grid(),
					List.of(), description, reply, null, first.outcome(), first.satisfaction(), null));
		}
		return cases;
	}

	private static String half(String text, boolean first) {
		int middle = text.length() / 2;
		return first ? text.substring(0, middle) : text.substring(middle);
	}

}
