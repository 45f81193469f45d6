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
			definitions.put(definition.key(), changes(unit, definition.key(), definition.id(),
					models.model(definition.id()).orElseThrow(), otherId));
		}
		return new Comparison(variant.deploymentId(), against, definitions);
	}

	/**
	 * Files not deployed yet (the editor's), each against what the unit would inherit ({@code base}) or
	 * uses now ({@code current}); forms are left out.
	 * @throws IllegalArgumentException when a file is not a readable model
	 */
	Comparison ofFiles(Unit unit, Map<String, byte[]> files, String against) {
		Map<String, String> compared = "current".equals(against) ? usedBy(unit.id()) : inheritedBy(unit);
		var definitions = new LinkedHashMap<String, DefinitionChanges>();
		files.forEach((name, bytes) -> {
			String key = keyOf(name, bytes);
			if (key == null) {
				return;
			}
			try {
				definitions.put(key, changes(unit, key, null, bytes, compared.get(key)));
			}
			catch (RuntimeException unreadable) {
				throw new IllegalArgumentException("the file " + name + " cannot be compared: " + unreadable.getMessage(), unreadable);
			}
		});
		return new Comparison(null, against, definitions);
	}

	private DefinitionChanges changes(Unit unit, String key, String id, byte[] mine, String otherId) {
		byte[] other = otherId == null ? null : models.model(otherId).orElse(null);
		if (key.equals(VariantRules.PROCESS_KEY)) {
			return new DefinitionChanges(id, otherId, VariantDiff.process(other, mine), null, null);
		}
		var timeLimits = key.equals(MatterHandling.Decisions.TIME_LIMITS) && other != null
				? guardrails.decisionRules().compareTimeLimits(DecisionRules.read(other), DecisionRules.read(mine),
						guardrails.domain(unit))
				: null;
		return new DefinitionChanges(id, otherId, null, VariantDiff.decision(other, mine), timeLimits);
	}

	/** The key a file defines: its process's or its decision's id; {@code null} for a form or a diagram. */
	private static String keyOf(String name, byte[] bytes) {
		boolean bpmn = Guardrails.isOf(name, Guardrails.BPMN);
		if (!bpmn && !Guardrails.isOf(name, Guardrails.DMN)) {
			return null;
		}
		org.w3c.dom.Document document;
		try {
			document = Xml.parse(bytes);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the file " + name + " is not a readable model: " + ex.getMessage(), ex);
		}
		String wanted = bpmn ? "process" : "decision";
		String key = Xml.children(document.getDocumentElement()).stream().filter(element -> wanted.equals(element.getLocalName()))
			.map(element -> element.getAttribute("id")).filter(id -> !id.isEmpty()).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the file " + name + " defines no " + wanted));
		if (bpmn != key.equals(VariantRules.PROCESS_KEY)) {
			throw new IllegalArgumentException("the file " + name + " defines " + wanted + " " + key + ", which a variant does not have: "
					+ VariantRules.PROCESS_KEY + " (.bpmn) or " + String.join(", ", VariantRules.DECISION_KEYS) + " (.dmn)");
		}
		return key;
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
		if (unit.parentId() != null) {
			return usedBy(unit.parentId());
		}
		var inherited = new LinkedHashMap<String, String>();
		models.sharedProcess(VariantRules.PROCESS_KEY).ifPresent(process -> inherited.put(VariantRules.PROCESS_KEY, process.id()));
		models.sharedDecisionVersions(VariantRules.DECISION_KEYS).forEach((key, version) ->
				models.decisionId(key, null, version).ifPresent(id -> inherited.put(key, id)));
		return inherited;
	}

	/** Per key, the definition a unit's new matters use now. */
	private Map<String, String> usedBy(String unitId) {
		var used = new LinkedHashMap<String, String>();
		used.put(VariantRules.PROCESS_KEY, resolver.processDefinitionId(unitId));
		resolver.forUnit(unitId).decisions().forEach((key, decision) ->
				models.decisionId(key, decision.tenantId(), decision.version()).ifPresent(id -> used.put(key, id)));
		return used;
	}

}
