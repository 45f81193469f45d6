package org.civicloop.variant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.civicloop.matter.model.MatterHandling;

import org.springframework.stereotype.Service;

/** The models a unit's new matters use now, as files: what the variant editor opens. */
@Service
class VariantFiles {

	/**
	 * One model.
	 * @param from the unit whose variant supplies it, {@code null} for the county base; {@code fromName} its name
	 * @param definition the engine's id of the definition
	 */
	record File(String key, String name, String from, String fromName, String definition, String content) {
	}

	record Effective(String unit, List<File> files) {
	}

	private final VariantResolver resolver;

	private final EngineModels models;

	private final org.civicloop.organization.Directory directory;

	VariantFiles(VariantResolver resolver, EngineModels models, org.civicloop.organization.Directory directory) {
		this.resolver = resolver;
		this.models = models;
		this.directory = directory;
	}

	Effective effective(String unitId) {
		var sources = resolver.sources(unitId);
		var files = new ArrayList<File>();
		files.add(file(VariantRules.PROCESS_KEY, ".bpmn", sources, resolver.processDefinitionId(unitId)));
		var decisions = resolver.forUnit(unitId).decisions();
		for (String key : List.of(MatterHandling.Decisions.ROUTE_MATTER, MatterHandling.Decisions.TIME_LIMITS)) {
			var decision = decisions.get(key);
			String id = decision == null ? null : models.decisionId(key, decision.tenantId(), decision.version()).orElse(null);
			if (id == null) {
				throw new IllegalStateException("The table " + key + " that unit " + unitId + " uses is not deployed");
			}
			files.add(file(key, ".dmn", sources, id));
		}
		return new Effective(unitId, files);
	}

	private File file(String key, String suffix, java.util.Map<String, String> sources, String definitionId) {
		var content = new String(models.model(definitionId).orElseThrow(), StandardCharsets.UTF_8);
		String from = sources.get(key);
		String fromName = from == null ? null : directory.unit(from).map(unit -> unit.name()).orElse(from);
		return new File(key, key + suffix, from, fromName, definitionId, content);
	}

}
