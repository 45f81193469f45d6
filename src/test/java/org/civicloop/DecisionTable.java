package org.civicloop;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * One DMN table of {@code processes/} on a standalone DMN engine (the one the process engine embeds),
 * remembering which rules matched so a test can prove every rule was exercised.
 */
public final class DecisionTable {

	private final DmnDecision decision;

	private final DmnEngine engine;

	private final Set<String> ruleIds;

	private final Set<String> matched = new ConcurrentSkipListSet<>();

	public DecisionTable(String file, String decisionKey) {
		// the FEEL engine the process engine uses: plain cells answered by CivicLoop, the rest by Camunda's
		var configuration = org.civicloop.system.PlainFeel.dmnConfiguration();
		configuration.customPostDecisionTableEvaluationListeners(List.of(event -> remember(event)));
		this.engine = configuration.buildEngine();
		try (InputStream in = new FileInputStream("processes/" + file)) {
			var model = Dmn.readModelFromStream(in);
			this.decision = engine.parseDecision(decisionKey, model);
			this.ruleIds = new TreeSet<>(model.getModelElementsByType(Rule.class).stream().map(Rule::getId).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<Map<String, Object>> evaluate(Map<String, Object> variables) {
		return engine.evaluateDecisionTable(decision, variables).getResultList();
	}

	public Set<String> ruleIds() {
		return ruleIds;
	}

	/** Rules no evaluation so far has matched. */
	public Set<String> unmatchedRules() {
		var unmatched = new TreeSet<>(ruleIds);
		unmatched.removeAll(matched);
		return unmatched;
	}

	private void remember(DmnDecisionTableEvaluationEvent event) {
		event.getMatchingRules().forEach(rule -> matched.add(rule.getId()));
	}

}
