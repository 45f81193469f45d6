package org.civicloop.knowledge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The case library and hotspot warnings.
 *
 * @param analyzer how Chinese text is cut into terms ({@code bigram} or {@code smartcn}; see {@link CaseAnalyzers})
 * @param similar how many similar cases a handler is offered
 * @param refresh how often the index takes matters closed and typical cases written since (on every node)
 * @param hotspots the early warning
 */
@ConfigurationProperties("civicloop.knowledge")
record KnowledgeProperties(@DefaultValue("smartcn") CaseAnalyzers analyzer, @DefaultValue("5") int similar,
		@DefaultValue("10s") Duration refresh, @DefaultValue Hotspots hotspots) {

	/** The analyzer the measurements chose (the README's case library section). */
	static final CaseAnalyzers DEFAULT_ANALYZER = CaseAnalyzers.SMARTCN;

	/**
	 * A grid cell receives a hotspot warning for a category when, over a window, it has at least {@code minCount}
	 * matters, at least {@code ratio} times its baseline (the previous {@code baselineDays} days, scaled to the
	 * window), and a count that a Poisson process at the baseline's rate reaches with probability below
	 * {@code significance}. One warning per burst: none while one is open for the cell and category, nor for
	 * {@code quiet} after it was closed.
	 *
	 * @param windows the windows in days
	 * @param check how often the counts are checked
	 */
	record Hotspots(@DefaultValue({ "1", "3", "7" }) int[] windows, @DefaultValue("28") int baselineDays,
			@DefaultValue("3") int minCount, @DefaultValue("3.0") double ratio, @DefaultValue("0.001") double significance,
			@DefaultValue("7d") Duration quiet, @DefaultValue("10m") Duration check) {
	}

}
