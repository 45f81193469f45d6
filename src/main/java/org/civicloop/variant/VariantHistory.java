package org.civicloop.variant;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** A unit's variants, newest first, and where each of its definitions comes from now. */
@Component
class VariantHistory {

	/** A variant as its unit's history shows it; {@code active} when the unit uses any of its definitions now. */
	record Entry(String id, String deployedBy, Instant deployedAt, String note, List<DefinitionState> definitions,
			boolean active) {
	}

	/** A definition of a variant, and whether the unit uses it now. */
	record DefinitionState(String key, String id, int version, boolean own, boolean active) {
	}

	private final Variants variants;

	private final VariantResolver resolver;

	VariantHistory(Variants variants, VariantResolver resolver) {
		this.variants = variants;
		this.resolver = resolver;
	}

	List<Entry> of(String unitId) {
		var active = variants.activeIn(List.of(unitId)).getOrDefault(unitId, Map.of());
		return variants.of(unitId).stream().map(variant -> new Entry(variant.deploymentId(), variant.deployedBy(),
				variant.deployedAt(), variant.note(), variant.definitions().stream().map(definition -> {
					var row = active.get(definition.key());
					return new DefinitionState(definition.key(), definition.id(), definition.version(), definition.own(),
							row != null && row.definitionId().equals(definition.id()));
				}).toList(), active.values().stream().anyMatch(row -> row.deploymentId().equals(variant.deploymentId()))))
			.toList();
	}

	/** Per key, where the unit's definition comes from now: the unit itself, a unit above it, or the county base. */
	Map<String, String> effective(String unitId) {
		var effective = new LinkedHashMap<String, String>();
		resolver.sources(unitId).forEach((key, source) -> effective.put(key, source == null ? "county-base" : source));
		return effective;
	}

	Optional<Variants.Variant> variant(String unitId, String deploymentId) {
		return variants.byId(deploymentId).filter(variant -> variant.unitId().equals(unitId));
	}

}
