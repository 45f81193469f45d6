package org.civicloop.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.civicloop.matter.model.SimilarCases;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The case library: its index built from the records when the application is ready (in the background; until then
 * searches answer from what is indexed so far and say so), then brought up to date every
 * {@code civicloop.knowledge.refresh} with the matters closed and the typical cases written since — on every node,
 * from the database, so a matter closed on another node is found here too.
 */
@Service
class CaseLibrary implements SimilarCases, AutoCloseable {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CaseLibrary.class);

	/** Matters closed this long before the last refresh are looked at again: commits that a refresh did not see yet. */
	private static final Duration OVERLAP = Duration.ofMinutes(2);

	private static final int MAX_LINE = 60;

	/** A similar case scores at least this share of the best one. */
	private static final float RELEVANT = 0.25f;

	private final CaseIndex index;

	private final CaseRecords records;

	private final Directory directory;

	private final KnowledgeProperties properties;

	private final Timer forTasks;

	private final ReentrantLock updating = new ReentrantLock();

	private final AtomicBoolean complete = new AtomicBoolean();

	/** Matters closed and typical cases written from this time on are taken at the next refresh. */
	private volatile Instant closedSince;

	/**
	 * What the refreshes of the last {@link #OVERLAP} put into the index, by id: a refresh looks at those cases
	 * again but indexes only the ones that are new or changed (at 15 closures a second, indexing the whole
	 * overlap again every ten seconds cost 2 % of a node's CPU). Guarded by {@code updating}.
	 */
	private final java.util.Map<String, CaseIndex.Case> recentlyTaken = new java.util.HashMap<>();

	CaseLibrary(CaseRecords records, Directory directory, KnowledgeProperties properties, MeterRegistry registry) {
		this.index = new CaseIndex(properties.analyzer());
		this.records = records;
		this.directory = directory;
		this.properties = properties;
		this.forTasks = Timer.builder("civicloop.cases.similar")
			.description("Searches for the similar cases a sign-for or handling task shows, and their time").register(registry);
	}

	/** A page of the library: the cases, how many match, and whether the index has taken every record yet. */
	record Found(List<CaseIndex.Hit> cases, long total, boolean complete) {
	}

	@EventListener(ApplicationReadyEvent.class)
	void buildInTheBackground() {
		start(this::build, "case-library-build");
	}

	/**
	 * Empties the index and builds it again from the records, in the background: searches say {@code complete: false}
	 * meanwhile. False when a build is running already.
	 */
	boolean rebuildInTheBackground() {
		if (!updating.tryLock()) {
			return false;
		}
		try {
			complete.set(false);
			index.clear();
			index.refresh();
		}
		finally {
			updating.unlock();
		}
		start(this::build, "case-library-rebuild");
		return true;
	}

	private static void start(Runnable work, String name) {
		var thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Every closed matter and typical case, from the records. When it fails (the database away), it is tried again
	 * at the next refresh; searches meanwhile answer from what was indexed and say it is not complete.
	 */
	void build() {
		if (!updating.tryLock()) {
			return; // another build is running
		}
		try {
			long started = System.nanoTime();
			Instant from = Instant.now().minus(OVERLAP);
			long after = 0;
			for (List<CaseIndex.Case> page; !(page = records.closedAfter(after, 1_000)).isEmpty(); ) {
				index.put(page);
				after = Long.parseLong(page.get(page.size() - 1).id().substring(CaseIndex.MATTER.length() + 1));
			}
			index.put(records.typicalSince(Instant.EPOCH));
			index.refresh();
			recentlyTaken.clear();
			closedSince = from;
			complete.set(true);
			log.info("Case library built: {} cases in {} ms", index.size(), (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException failed) {
			log.warn("Case library not built ({}); tried again at the next refresh", failed.toString());
		}
		finally {
			updating.unlock();
		}
	}

	/** Matters closed and typical cases written since the last time; the build again when it has not succeeded. */
	@Scheduled(fixedDelayString = "${civicloop.knowledge.refresh:10s}", initialDelayString = "${civicloop.knowledge.refresh:10s}")
	void refresh() {
		if (!complete.get()) {
			build();
			return;
		}
		takeNow();
	}

	/**
	 * At once, rather than at the next refresh: a typical case just written. Matters closed and typical cases
	 * written since the last time, looking two minutes further back for commits the last time did not see yet.
	 * Nothing when a build is running (it takes them).
	 */
	void takeNow() {
		if (!complete.get() || !lockSoon()) {
			return;
		}
		try {
			// the time on this node, not the engine's clock (which a test may move): what counts is what has committed
			Instant now = Instant.now();
			var taken = new ArrayList<CaseIndex.Case>(records.closedSince(closedSince));
			taken.addAll(records.typicalSince(closedSince));
			var changed = taken.stream().filter(found -> !found.equals(recentlyTaken.get(found.id()))).toList();
			if (!changed.isEmpty()) {
				index.put(changed);
				index.refresh();
			}
			changed.forEach(found -> recentlyTaken.put(found.id(), found));
			closedSince = now.minus(OVERLAP);
			recentlyTaken.values().removeIf(found -> found.closedAt() == null || found.closedAt().isBefore(closedSince));
		}
		finally {
			updating.unlock();
		}
	}

	/** The lock within a few seconds (a refresh holds it for milliseconds); false while a build holds it. */
	private boolean lockSoon() {
		try {
			return updating.tryLock(5, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	Found find(Caller caller, String words, String category, String unit, Boolean typical, int page, int size) {
		var found = index.find(words, category, unit, typical, visibility(caller), page * size, size);
		return new Found(found.hits(), found.total(), complete.get());
	}

	/**
	 * The cases most like a matter, best first: typical cases first when they score at least half the best; none
	 * below a quarter of the best (it shares a common word, not the problem); a case of another category only
	 * beside cases of the matter's own, scoring at least half the best of those.
	 */
	List<CaseIndex.Hit> similar(String trackingNo, String description, String category, String grid, String unit,
			CaseIndex.Visibility visibility) {
		// more than are offered: the rules below leave some out
		var hits = index.similar(description, category, grid, unit, CaseIndex.Weights.DEFAULT, properties.similar() * 4, null,
				visibility).stream().filter(hit -> trackingNo == null || !trackingNo.equals(hit.found().trackingNo())).toList();
		float bestOwn = (float) hits.stream().filter(hit -> category == null || category.equals(hit.found().category()))
			.mapToDouble(CaseIndex.Hit::score).max().orElse(Double.POSITIVE_INFINITY);
		var relevant = hits.stream().filter(hit -> hit.score() >= bestOwn / 2 || category == null || category.equals(hit.found().category()))
			.toList();
		if (relevant.isEmpty()) {
			return relevant;
		}
		float best = relevant.get(0).score();
		var ordered = new ArrayList<CaseIndex.Hit>();
		relevant.stream().filter(hit -> hit.found().typical() && hit.score() >= best / 2).forEach(ordered::add);
		relevant.stream().filter(hit -> !ordered.contains(hit) && hit.score() >= best * RELEVANT).forEach(ordered::add);
		return ordered.subList(0, Math.min(properties.similar(), ordered.size()));
	}

	/** For the cadre of the department the task is offered to: the cases that department may see. */
	@Override
	public List<String> linesFor(String trackingNo, String description, String category, String grid, String unit,
			String department) {
		var visibility = department == null ? CaseIndex.Visibility.ALL : visibility(new Caller("", java.util.Set.of(department)));
		return forTasks.record(() -> similar(trackingNo, description, category, grid, unit, visibility).stream()
			.map(hit -> line(hit.found())).toList());
	}

	/** 【典型案例】title：strategy, or tracking number：what was done（outcome，satisfaction）. */
	static String line(CaseIndex.Case found) {
		if (found.typical()) {
			return "【典型案例】" + found.title() + "：" + shortened(found.handling());
		}
		String outcome = found.outcome() == null ? "" : found.outcome();
		String satisfaction = found.satisfaction() == null ? "" : org.civicloop.matter.Labels.satisfaction(found.satisfaction());
		String after = String.join("，", java.util.stream.Stream.of(outcome, satisfaction).filter(text -> !text.isEmpty()).toList());
		return found.trackingNo() + "：" + shortened(found.handling() == null ? "（无办理答复）" : found.handling())
				+ (after.isEmpty() ? "" : "（" + after + "）");
	}

	private static String shortened(String text) {
		return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE - 1) + "…";
	}

	/** Everything for those who see every matter; otherwise the matters of one's departments and units, and typical cases. */
	CaseIndex.Visibility visibility(Caller caller) {
		if (caller.seesAllMatters()) {
			return CaseIndex.Visibility.ALL;
		}
		return new CaseIndex.Visibility(false, caller.groups(), directory.unitsOfLocalOffices(caller.groups()));
	}

	boolean complete() {
		return complete.get();
	}

	@Override
	public void close() throws Exception {
		index.close();
	}

}
