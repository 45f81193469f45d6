package org.civicloop.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.civicloop.matter.model.SimilarCases;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

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

	private final Clock clock;

	private final ReentrantLock updating = new ReentrantLock();

	private final AtomicBoolean complete = new AtomicBoolean();

	private Instant closedSince;

	private long typicalAfter;

	CaseLibrary(CaseRecords records, Directory directory, KnowledgeProperties properties, Clock clock) {
		this.index = new CaseIndex(properties.analyzer());
		this.records = records;
		this.directory = directory;
		this.properties = properties;
		this.clock = clock;
	}

	/** A page of the library: the cases, how many match, and whether the index has taken every record yet. */
	record Found(List<CaseIndex.Hit> cases, long total, boolean complete) {
	}

	@EventListener(ApplicationReadyEvent.class)
	void buildInTheBackground() {
		var builder = new Thread(this::build, "case-library-build");
		builder.setDaemon(true);
		builder.start();
	}

	/** Empties the index and builds it again from the records, in the background: searches say {@code complete: false} meanwhile. */
	void rebuildInTheBackground() {
		var builder = new Thread(() -> {
			updating.lock();
			try {
				complete.set(false);
				typicalAfter = 0;
				index.clear();
				build();
			}
			finally {
				updating.unlock();
			}
		}, "case-library-rebuild");
		builder.setDaemon(true);
		builder.start();
	}

	/** Every closed matter and typical case, from the records. */
	void build() {
		updating.lock();
		try {
			long started = System.nanoTime();
			closedSince = clock.instant().minus(OVERLAP);
			long after = 0;
			for (List<CaseIndex.Case> page; !(page = records.closedAfter(after, 1_000)).isEmpty(); ) {
				index.put(page);
				index.refresh();
				after = Long.parseLong(page.get(page.size() - 1).id().substring(CaseIndex.MATTER.length() + 1));
			}
			takeTypicalCases();
			index.refresh();
			complete.set(true);
			log.info("Case library built: {} cases in {} ms", index.size(), (System.nanoTime() - started) / 1_000_000);
		}
		finally {
			updating.unlock();
		}
	}

	/** Matters closed and typical cases written since the last time. */
	@Scheduled(fixedDelayString = "${civicloop.knowledge.refresh:10s}", initialDelayString = "${civicloop.knowledge.refresh:10s}")
	void refresh() {
		if (!complete.get() || !updating.tryLock()) {
			return; // the build takes everything
		}
		try {
			Instant now = clock.instant();
			index.put(records.closedSince(closedSince));
			takeTypicalCases();
			index.refresh();
			closedSince = now.minus(OVERLAP);
		}
		finally {
			updating.unlock();
		}
	}

	private void takeTypicalCases() {
		var typical = records.typicalAfter(typicalAfter);
		if (!typical.isEmpty()) {
			index.put(typical);
			typicalAfter = Long.parseLong(typical.get(typical.size() - 1).id().substring(CaseIndex.TYPICAL.length() + 1));
		}
	}

	/** At once, rather than at the next refresh: a typical case just written, a matter just closed. */
	void takeNow() {
		updating.lock();
		try {
			if (complete.get()) {
				index.put(records.closedSince(closedSince));
				takeTypicalCases();
				index.refresh();
			}
		}
		finally {
			updating.unlock();
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
	List<CaseIndex.Hit> similar(String trackingNo, String description, String category, String grid, String unit) {
		var hits = index.similar(description, category, grid, unit, CaseIndex.Weights.DEFAULT, properties.similar() * 2,
				null).stream().filter(hit -> trackingNo == null || !trackingNo.equals(hit.found().trackingNo()) || hit.found().typical())
			.toList();
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

	@Override
	public List<String> linesFor(String trackingNo, String description, String category, String grid, String unit) {
		return similar(trackingNo, description, category, grid, unit).stream().map(hit -> line(hit.found())).toList();
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
		Set<String> units = new TreeSet<>();
		directory.offices().forEach((office, unitId) -> {
			boolean local = office.id().startsWith("office-") || office.id().startsWith("unit-");
			if (local && caller.groups().contains(office.id())) {
				directory.unitsUnder(unitId).stream().map(Unit::id).forEach(units::add);
			}
		});
		return new CaseIndex.Visibility(false, caller.groups(), units);
	}

	boolean complete() {
		return complete.get();
	}

	@Override
	public void close() throws Exception {
		index.close();
	}

}
