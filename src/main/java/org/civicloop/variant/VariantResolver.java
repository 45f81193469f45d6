package org.civicloop.variant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.civicloop.matter.model.MatterDefinitions;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.stereotype.Component;

/**
 * Inheritance: for each key — the process and each table separately — a matter uses what its own unit
 * has activated, else its town's, else the county's, else the latest shared (county base) definition.
 */
@Component
class VariantResolver implements MatterDefinitions, Guardrails.CountyTables {

	private final Variants variants;

	private final EngineModels models;

	private final Directory directory;

	VariantResolver(Variants variants, EngineModels models, Directory directory) {
		this.variants = variants;
		this.models = models;
		this.directory = directory;
	}

	@Override
	public Choice forUnit(String unitId) {
		List<Unit> chain = directory.chainUp(unitId);
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("No unit " + unitId + " in the organisation directory");
		}
		var active = variants.activeIn(chain.stream().map(Unit::id).toList());
		Optional<Variants.Active> process = nearest(chain, active, VariantRules.PROCESS_KEY);
		var decisions = new HashMap<String, Decision>();
		var inherited = new java.util.ArrayList<String>();
		for (String key : VariantRules.DECISION_KEYS) {
			nearest(chain, active, key).ifPresentOrElse(
					row -> decisions.put(key, new Decision(row.unitId(), row.version())), () -> inherited.add(key));
		}
		if (!inherited.isEmpty()) {
			var shared = models.sharedDecisionVersions(inherited);
			for (String key : inherited) {
				Integer version = shared.get(key);
				if (version == null) {
					throw new IllegalStateException("The county has not deployed the table " + key);
				}
				decisions.put(key, new Decision(null, version));
			}
		}
		return new Choice(process.map(Variants.Active::definitionId).orElse(null), Map.copyOf(decisions));
	}

	/** Where each key of a unit comes from: the unit id that provides it, or {@code null} for the county base. */
	Map<String, String> sources(String unitId) {
		List<Unit> chain = directory.chainUp(unitId);
		var active = variants.activeIn(chain.stream().map(Unit::id).toList());
		var sources = new java.util.LinkedHashMap<String, String>();
		for (String key : List.of(VariantRules.PROCESS_KEY, MatterHandling.Decisions.ROUTE_MATTER, MatterHandling.Decisions.TIME_LIMITS)) {
			sources.put(key, nearest(chain, active, key).map(Variants.Active::unitId).orElse(null));
		}
		return sources;
	}

	/** The process definition id a unit's new matters start on. */
	String processDefinitionId(String unitId) {
		List<Unit> chain = directory.chainUp(unitId);
		return nearest(chain, variants.activeIn(chain.stream().map(Unit::id).toList()), VariantRules.PROCESS_KEY)
			.map(Variants.Active::definitionId)
			.orElseGet(() -> models.sharedProcess(VariantRules.PROCESS_KEY).map(Variants.Definition::id).orElseThrow());
	}

	@Override
	public DmnModelInstance timeLimits() {
		Decision decision;
		try {
			decision = forUnit(directory.county().id()).decisions().get(MatterHandling.Decisions.TIME_LIMITS);
		}
		catch (IllegalStateException ex) {
			return null; // the county's own deployment is what sets the ceilings
		}
		return models.decisionId(MatterHandling.Decisions.TIME_LIMITS, decision.tenantId(), decision.version())
			.flatMap(models::model).map(DecisionRules::read).orElse(null);
	}

	private static Optional<Variants.Active> nearest(List<Unit> chain, Map<String, Map<String, Variants.Active>> active, String key) {
		for (Unit unit : chain) {
			var row = active.getOrDefault(unit.id(), Map.of()).get(key);
			if (row != null) {
				return Optional.of(row);
			}
		}
		return Optional.empty();
	}

}
