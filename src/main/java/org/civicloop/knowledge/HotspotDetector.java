package org.civicloop.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.civicloop.matter.Categories;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.organization.Unit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hotspot early warning (预警): for each window (1, 3 and 7 days by default) the matters registered per grid cell
 * and category against the cell's own baseline over the days before (28), scaled to the window. A cell is warned
 * when the count reaches the minimum, the ratio and a Poisson test at the baseline's rate (with a floor, so a cell
 * without history needs more than a couple of matters). One warning per burst: the database holds at most one
 * open warning per cell and category, whichever node finds it first, and none is raised for the quiet time after
 * one was closed. Every node checks; checking twice raises nothing twice.
 */
@Component
class HotspotDetector {

	/** A cell without history is taken to receive this many matters of a category a day. */
	static final double FLOOR_PER_DAY = 0.1;

	private final Hotspots hotspots;

	private final Directory directory;

	private final Categories categories;

	private final ApplicationEventPublisher events;

	private final KnowledgeProperties.Hotspots settings;

	private final Clock clock;

	private final TransactionTemplate eachWarning;

	HotspotDetector(Hotspots hotspots, Directory directory, Categories categories, ApplicationEventPublisher events,
			KnowledgeProperties properties, Clock clock, PlatformTransactionManager transactions) {
		this.eachWarning = new TransactionTemplate(transactions);
		this.eachWarning.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.hotspots = hotspots;
		this.directory = directory;
		this.categories = categories;
		this.events = events;
		this.settings = properties.hotspots();
		this.clock = clock;
	}

	private record Candidate(Hotspots.Count count, int windowDays, double baseline, double pValue) {
	}

	@Scheduled(fixedDelayString = "${civicloop.knowledge.hotspots.check:10m}", initialDelayString = "${civicloop.knowledge.hotspots.check:10m}")
	void check() {
		detect(clock.instant());
	}

	/**
	 * Raises the warnings due at {@code now}; returns their ids. Each warning and its notices commit together, in a
	 * transaction of their own: another node raising the same one first costs only that one.
	 */
	List<Long> detect(Instant now) {
		var candidates = new ArrayList<Candidate>();
		for (int days : settings.windows()) {
			Instant windowStart = now.minus(Duration.ofDays(days));
			Instant baselineStart = windowStart.minus(Duration.ofDays(settings.baselineDays()));
			for (var count : hotspots.counts(baselineStart, windowStart, now, settings.minCount())) {
				double baseline = Math.max(count.before() * (double) days / settings.baselineDays(), FLOOR_PER_DAY * days);
				double pValue = poissonAtLeast(count.recent(), baseline);
				if (count.recent() >= settings.ratio() * baseline && pValue < settings.significance()) {
					candidates.add(new Candidate(count, days, baseline, pValue));
				}
			}
		}
		candidates.sort(Comparator.comparingDouble(Candidate::pValue));
		var raised = new ArrayList<Long>();
		Instant quietFrom = now.minus(settings.quiet());
		for (var candidate : candidates) {
			var count = candidate.count();
			if (hotspots.warnedRecently(count.grid(), count.category(), quietFrom)) {
				continue;
			}
			Optional<Unit> unit = unitOf(count.grid());
			if (unit.isEmpty()) {
				continue; // a grid code the directory no longer has
			}
			String lead = hotspots.latestLead(count.grid(), count.category(), now.minus(Duration.ofDays(candidate.windowDays())))
				.orElse(null);
			eachWarning.executeWithoutResult(status -> {
				var id = hotspots.raise(count.grid(), unit.get().id(), count.category(), candidate.windowDays(), count.recent(),
						candidate.baseline(), candidate.pValue(), lead, now);
				if (id.isEmpty()) {
					status.setRollbackOnly(); // another node was first; its statement failed here (PostgreSQL ends the transaction)
					return;
				}
				raised.add(id.get());
				events.publishEvent(new HotspotRaised(id.get(), count.grid(), unit.get().id(), unit.get().name(), count.category(),
						categories.nameOf(count.category()), candidate.windowDays(), count.recent(), candidate.baseline(),
						audience(unit.get(), lead), "/api/hotspots/" + id.get()));
			});
		}
		return raised;
	}

	/** The unit's town office (the dispatch centre for the county seat) and the lead department. */
	List<String> audience(Unit unit, String lead) {
		var groups = new LinkedHashSet<String>();
		directory.county().towns().stream().filter(town -> town.id().equals(unit.townId()))
			.forEach(town -> groups.add(town.office().id()));
		if (unit.townId() == null) {
			groups.add(Roles.DISPATCH_CENTRE);
		}
		if (lead != null) {
			groups.add(lead);
		}
		return List.copyOf(groups);
	}

	private Optional<Unit> unitOf(String grid) {
		return directory.units().stream().filter(unit -> directory.grids(unit.id()).contains(grid)).findFirst();
	}

	/** P(X ≥ k) for X Poisson with mean λ, summed from k upwards in logarithms (exact enough for tiny tails). */
	static double poissonAtLeast(int k, double lambda) {
		if (k <= 0) {
			return 1;
		}
		if (lambda <= 0) {
			return 0;
		}
		double logFactorial = 0;
		for (int i = 2; i <= k; i++) {
			logFactorial += Math.log(i);
		}
		double logTerm = -lambda + k * Math.log(lambda) - logFactorial;
		double sum = 0;
		for (int i = k; i < k + 10_000; i++) {
			double term = Math.exp(logTerm);
			sum += term;
			if (term < sum * 1e-15) {
				break;
			}
			logTerm += Math.log(lambda) - Math.log(i + 1);
		}
		return Math.min(1, sum);
	}

}
