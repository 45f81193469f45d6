package org.civicloop.variant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.stereotype.Component;

/** What a variant changes against the unit's previous variant or against what the unit inherits (base). */
@Component
class VariantComparison {

	/** The changes of each definition the variant brings itself, by key. */
	@Schema(description = "the variant, what it is compared with, and by definition key (matter-handling, route-matter, "
			+ "time-limits) the changes of each definition it brings", additionalPropertiesSchema = DefinitionChanges.class)
	record Comparison(String variant, String against, @JsonIgnore Map<String, DefinitionChanges> definitions) {

		@JsonAnyGetter
		Map<String, DefinitionChanges> byKey() {
			return definitions;
		}

	}

	/**
	 * One definition against the one it is compared with ({@code againstDefinition}, none when new): a
	 * process's elements, a table's rules and — for the time limits — the limits that differ.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DefinitionChanges(String definition, String againstDefinition, @JsonUnwrapped VariantDiff.Changes elements,
			VariantDiff.Changes rules, List<DecisionRules.TimeLimitChange> timeLimitsChanged) {
	}

	private final Variants variants;

	private final EngineModels models;

	private final VariantResolver resolver;

	private final Directory directory;

	private final Guardrails guardrails;

	VariantComparison(Variants variants, EngineModels models, VariantResolver resolver, Directory directory,
			Guardrails guardrails) {
		this.variants = variants;
		this.models = models;
		this.resolver = resolver;
		this.directory = directory;
		this.guardrails = guardrails;
	}

	/** @param against {@code previous} or {@code base} */
	Comparison of(Variants.Variant variant, String against) {
		Unit unit = directory.unit(variant.unitId()).orElseThrow();
		Map<String, String> compared = "previous".equals(against) ? previousOf(variant) : Map.of();
		Map<String, String> base = inheritedBy(unit);
		var definitions = new LinkedHashMap<String, DefinitionChanges>();
		for (var definition : variant.own()) {
			String otherId = compared.getOrDefault(definition.key(), base.get(definition.key()));
			byte[] mine = models.model(definition.id()).orElseThrow();
			byte[] other = otherId == null ? null : models.model(otherId).orElse(null);
			DefinitionChanges changes;
			if (definition.key().equals(VariantRules.PROCESS_KEY)) {
				changes = new DefinitionChanges(definition.id(), otherId, VariantDiff.process(other, mine), null, null);
			}
			else {
				var timeLimits = definition.key().equals(MatterHandling.Decisions.TIME_LIMITS) && other != null
						? guardrails.decisionRules().compareTimeLimits(DecisionRules.read(other), DecisionRules.read(mine),
								guardrails.domain(unit))
						: null;
				changes = new DefinitionChanges(definition.id(), otherId, null, VariantDiff.decision(other, mine), timeLimits);
			}
			definitions.put(definition.key(), changes);
		}
		return new Comparison(variant.deploymentId(), against, definitions);
	}

	/** Per key, the definition of the unit's variant deployed before this one, where it had that key. */
	private Map<String, String> previousOf(Variants.Variant variant) {
		var previous = new LinkedHashMap<String, String>();
		boolean older = false;
		for (var candidate : variants.of(variant.unitId())) {
			if (older) {
				candidate.own().forEach(definition -> previous.putIfAbsent(definition.key(), definition.id()));
			}
			older |= candidate.deploymentId().equals(variant.deploymentId());
		}
		return previous;
	}

	/** Per key, what the unit would use without any variant of its own: its parent's choice, or the county base. */
	private Map<String, String> inheritedBy(Unit unit) {
		var inherited = new LinkedHashMap<String, String>();
		if (unit.parentId() == null) {
			models.sharedProcess(VariantRules.PROCESS_KEY).ifPresent(process -> inherited.put(VariantRules.PROCESS_KEY, process.id()));
			models.sharedDecisionVersions(VariantRules.DECISION_KEYS).forEach((key, version) ->
					models.decisionId(key, null, version).ifPresent(id -> inherited.put(key, id)));
			return inherited;
		}
		var choice = resolver.forUnit(unit.parentId());
		inherited.put(VariantRules.PROCESS_KEY, resolver.processDefinitionId(unit.parentId()));
		choice.decisions().forEach((key, decision) ->
				models.decisionId(key, decision.tenantId(), decision.version()).ifPresent(id -> inherited.put(key, id)));
		return inherited;
	}

}
