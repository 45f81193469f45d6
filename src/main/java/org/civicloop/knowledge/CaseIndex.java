package org.civicloop.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The case library's Lucene index: one document per closed matter and per typical case, BM25 over the
 * description (similar cases) or the description, handling (reply, or a typical case's strategy) and title (a
 * search of the library), category, grid cell and unit as boosts or filters. Held in memory: it is derived from
 * CivicLoop's records, rebuilt at start and kept up to date from them ({@link CaseLibrary}), so every node of a
 * cluster holds its own. Thread-safe.
 */
class CaseIndex implements AutoCloseable {

	/** What a case is, as stored: no citizen contact is ever put in. */
	record Case(String id, String kind, String trackingNo, String title, String category, String unit, String town, String grid,
			Collection<String> departments, String description, String handling, String regulations, String outcome,
			String satisfaction, Instant closedAt) {

		boolean typical() {
			return TYPICAL.equals(kind);
		}

	}

	/** A case found, with its score (0 when listed without a query). */
	record Hit(Case found, float score) {
	}

	record Page(List<Hit> hits, long total) {
	}

	/** Who may see which cases: everything, or matters of these departments or units (typical cases are shared). */
	record Visibility(boolean everything, Collection<String> departments, Collection<String> units) {

		static final Visibility ALL = new Visibility(true, List.of(), List.of());

	}

	/**
	 * How much category and place count beside the description (weight 1). The earlier cases' handling is not asked: a
	 * complaint reads like other complaints, not like replies, and with the handling at 0.3 beside the description
	 * the labelled set's precision@5 was 0.983 against 0.990 without, near-duplicate recall@5 0.993 both
	 * (smartcn), while the search took about 40 % longer ({@code bench/cases.sh}; README, "Similar cases for the
	 * handler").
	 */
	record Weights(float category, float grid, float unit) {

		static final Weights DEFAULT = new Weights(10f, 5f, 0.5f);

		/** Text alone: what the evaluation calls "text only". */
		static final Weights TEXT_ONLY = new Weights(0f, 0f, 0f);

	}

	/**
	 * A text asked about is cut to this many characters: a question of two thousand characters would make more
	 * clauses than Lucene takes (1,024), and its first lines say what it is about.
	 */
	static final int MAX_QUESTION = 300;

	static final String MATTER = "matter";

	static final String TYPICAL = "typical";

	private final Analyzer analyzer;

	private final Directory directory = new ByteBuffersDirectory();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	CaseIndex(CaseAnalyzers analyzers) {
		this(analyzers, fewSegments());
	}

	/** With another merge policy: {@code bench/cases.sh} compares Lucene's default with {@link #fewSegments()}. */
	CaseIndex(CaseAnalyzers analyzers, MergePolicy merging) {
		this.analyzer = analyzers.create();
		try {
			this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setMergePolicy(merging));
			this.searchers = new SearcherManager(writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The index grows by a small segment at every refresh; Lucene's default policy lets about ten of them stand
	 * before it merges, and a search looks every term up in every segment and scores each. Merging at two per tier
	 * keeps three or four: a similar-cases search over 20,000 cases grown by refreshes of 200 takes a quarter to a
	 * third less ({@code bench/cases.sh} measures both policies first), and indexing them, merges included, cost as
	 * much CPU as with the default in a measure of it (0.35–0.46 ms per case with either).
	 */
	static TieredMergePolicy fewSegments() {
		var policy = new TieredMergePolicy();
		policy.setSegmentsPerTier(2);
		return policy;
	}

	/** Adds or replaces cases (by id); visible to searches after {@link #refresh()}. */
	void put(Collection<Case> cases) {
		try {
			for (Case found : cases) {
				writer.updateDocument(new Term("id", found.id()), document(found));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void refresh() {
		try {
			writer.commit();
			searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Removes every case; visible to searches after {@link #refresh()}. */
	void clear() {
		try {
			writer.deleteAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How many segments a search looks at now. */
	int segments() {
		IndexSearcher searcher = null;
		try {
			searcher = searchers.acquire();
			return searcher.getIndexReader().leaves().size();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			release(searcher);
		}
	}

	long size() {
		return writer.getDocStats().numDocs;
	}

	/**
	 * The cases most like a text, best first.
	 * @param category, grid, unit of the matter asked about (boosts by {@code weights}), any may be {@code null}
	 * @param except a case id left out (the matter itself)
	 */
	List<Hit> similar(String text, String category, String grid, String unit, Weights weights, int count, String except) {
		return similar(text, category, grid, unit, weights, count, except, Visibility.ALL);
	}

	/** The same, among the cases a caller may see. */
	List<Hit> similar(String text, String category, String grid, String unit, Weights weights, int count, String except,
			Visibility visibility) {
		Query words = text(text, "description");
		if (words == null) {
			return List.of();
		}
		var query = new BooleanQuery.Builder();
		query.add(words, Occur.MUST);
		add(query, category == null ? null : new TermQuery(new Term("category", category)), weights.category());
		add(query, grid == null ? null : new TermQuery(new Term("grid", grid)), weights.grid());
		add(query, unit == null ? null : new TermQuery(new Term("unit", unit)), weights.unit());
		if (except != null) {
			query.add(new TermQuery(new Term("id", except)), Occur.MUST_NOT);
		}
		visible(query, visibility);
		return search(query.build(), null, 0, count, false).hits();
	}

	/**
	 * Cases matching words and filters, in what a caller may see: by relevance with words, newest first without.
	 * @param typical {@code true} only typical cases, {@code false} only matters, {@code null} both
	 */
	Page find(String words, String category, String unit, Boolean typical, Visibility visibility, int from, int size) {
		var query = new BooleanQuery.Builder();
		boolean scored = words != null && !words.isBlank();
		if (scored) {
			var text = new BooleanQuery.Builder();
			add(text, text(words, "description"), 1f);
			add(text, text(words, "handling"), 0.5f);
			add(text, text(words, "title"), 1f);
			query.add(text.build(), Occur.MUST);
		}
		else {
			query.add(new MatchAllDocsQuery(), Occur.MUST);
		}
		filter(query, "category", category);
		filter(query, "unit", unit);
		if (typical != null) {
			filter(query, "kind", typical ? TYPICAL : MATTER);
		}
		visible(query, visibility);
		return search(query.build(), scored ? null : new Sort(new SortField("closed", SortField.Type.LONG, true)), from, size, true);
	}

	/** Typical cases, and matters of the visible departments or units. */
	private static void visible(BooleanQuery.Builder query, Visibility visibility) {
		if (!visibility.everything()) {
			var visible = new BooleanQuery.Builder();
			visible.add(new TermQuery(new Term("kind", TYPICAL)), Occur.SHOULD);
			visible.add(terms("departments", visibility.departments()), Occur.SHOULD);
			visible.add(terms("unit", visibility.units()), Occur.SHOULD);
			query.add(visible.build(), Occur.FILTER);
		}
	}

	/**
	 * The hits from {@code from} on, and how many match: exactly when {@code exactTotal}, else as far as the
	 * search counted (a second pass over every matching case, which the best few do not need: with it, a search
	 * for similar cases cost twice as much where most cases share a word).
	 */
	private Page search(Query query, Sort sort, int from, int size, boolean exactTotal) {
		IndexSearcher searcher = null;
		try {
			searcher = searchers.acquire();
			int wanted = Math.max(1, from + size);
			TopDocs top = sort == null ? searcher.search(query, wanted) : searcher.search(query, wanted, sort);
			var hits = new ArrayList<Hit>();
			var stored = searcher.storedFields();
			for (int i = from; i < top.scoreDocs.length; i++) {
				ScoreDoc hit = top.scoreDocs[i];
				hits.add(new Hit(found(stored.document(hit.doc)), Float.isNaN(hit.score) ? 0f : hit.score));
			}
			// the search counts exactly up to a thousand hits only
			long total = top.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO || !exactTotal
					? top.totalHits.value : searcher.count(query);
			return new Page(hits, total);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			release(searcher);
		}
	}

	private void release(IndexSearcher searcher) {
		if (searcher != null) {
			try {
				searchers.release(searcher);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private Query text(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String question = text.length() <= MAX_QUESTION ? text : text.substring(0, MAX_QUESTION);
		return new QueryBuilder(analyzer).createBooleanQuery(field, question);
	}

	private static Query terms(String field, Collection<String> values) {
		return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
	}

	private static void add(BooleanQuery.Builder query, Query clause, float weight) {
		if (clause != null && weight > 0) {
			query.add(weight == 1f ? clause : new BoostQuery(clause, weight), Occur.SHOULD);
		}
	}

	private static void filter(BooleanQuery.Builder query, String field, String value) {
		if (value != null && !value.isBlank()) {
			query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
		}
	}

	private static Document document(Case found) {
		var document = new Document();
		document.add(new StringField("id", found.id(), Field.Store.YES));
		document.add(new StringField("kind", found.kind(), Field.Store.YES));
		keyword(document, "trackingNo", found.trackingNo());
		keyword(document, "category", found.category());
		keyword(document, "unit", found.unit());
		keyword(document, "town", found.town());
		keyword(document, "grid", found.grid());
		for (String department : found.departments()) {
			document.add(new StringField("departments", department, Field.Store.YES));
		}
		text(document, "title", found.title());
		text(document, "description", found.description());
		text(document, "handling", found.handling());
		text(document, "regulations", found.regulations());
		stored(document, "outcome", found.outcome());
		stored(document, "satisfaction", found.satisfaction());
		long closed = found.closedAt() == null ? 0 : found.closedAt().toEpochMilli();
		document.add(new NumericDocValuesField("closed", closed));
		document.add(new StoredField("closedAt", closed));
		return document;
	}

	private static Case found(Document document) {
		long closed = document.getField("closedAt").numericValue().longValue();
		return new Case(document.get("id"), document.get("kind"), document.get("trackingNo"), document.get("title"),
				document.get("category"), document.get("unit"), document.get("town"), document.get("grid"),
				List.of(document.getValues("departments")), document.get("description"), document.get("handling"),
				document.get("regulations"), document.get("outcome"), document.get("satisfaction"),
				closed == 0 ? null : Instant.ofEpochMilli(closed));
	}

	private static void keyword(Document document, String field, String value) {
		if (value != null) {
			document.add(new StringField(field, value, Field.Store.YES));
		}
	}

	private static void text(Document document, String field, String value) {
		if (value != null) {
			document.add(new TextField(field, value, Field.Store.YES));
		}
	}

	private static void stored(Document document, String field, String value) {
		if (value != null) {
			document.add(new StoredField(field, value));
		}
	}

	@Override
	public void close() throws IOException {
		searchers.close();
		writer.close();
		directory.close();
	}

}
