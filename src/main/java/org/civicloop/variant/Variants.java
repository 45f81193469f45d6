package org.civicloop.variant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The units' variants: every deployment into a unit's tenant with its definitions, and the definition
 * each unit uses per key, in CivicLoop's own tables. What the engine knows of them is read through
 * {@link EngineModels}.
 */
@Repository
class Variants {

	private final JdbcClient jdbc;

	Variants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A definition of a variant: its own, or carried over from the unit's earlier variants when it was deployed. */
	record Definition(String key, String id, int version, boolean own) {
	}

	/**
	 * A variant: what its deployment defines ({@link #own()}), and with what it carried, everything the
	 * unit used of its own right after it was deployed ({@link #definitions()}), which activating it restores.
	 */
	record Variant(String deploymentId, String unitId, String deployedBy, Instant deployedAt, String note,
			List<Definition> definitions) {

		List<Definition> own() {
			return definitions.stream().filter(Definition::own).toList();
		}

	}

	/** What a unit uses for one key, and since when. */
	record Active(String unitId, String key, String definitionId, int version, String deploymentId, Instant activatedAt,
			String activatedBy) {
	}

	void record(String deploymentId, String unitId, String deployedBy, Instant at, List<Definition> definitions) {
		jdbc.sql("insert into unit_variant (deployment_id, unit_id, deployed_by, deployed_at) values (:d, :u, :by, :at)")
			.param("d", deploymentId).param("u", unitId).param("by", deployedBy).param("at", Timestamp.from(at)).update();
		for (Definition definition : definitions) {
			jdbc.sql("""
					insert into unit_variant_definition (deployment_id, definition_key, definition_id, definition_version, own)
					values (:d, :k, :id, :v, :own)""")
				.param("d", deploymentId).param("k", definition.key()).param("id", definition.id())
				.param("v", definition.version()).param("own", definition.own()).update();
		}
	}

	void note(String deploymentId, String note) {
		jdbc.sql("update unit_variant set note = :note where deployment_id = :d").param("note", note).param("d", deploymentId).update();
	}

	/** The unit uses what the variant holds, its own and carried definitions, and inherits every other key. */
	void activate(Variant variant, String by, Instant at) {
		jdbc.sql("delete from unit_active_definition where unit_id = :u").param("u", variant.unitId()).update();
		for (Definition definition : variant.definitions()) {
			jdbc.sql("""
					insert into unit_active_definition (unit_id, definition_key, definition_id, definition_version,
					  deployment_id, activated_at, activated_by) values (:u, :k, :id, :v, :d, :at, :by)""")
				.param("u", variant.unitId()).param("k", definition.key()).param("id", definition.id())
				.param("v", definition.version()).param("d", variant.deploymentId()).param("at", Timestamp.from(at))
				.param("by", by).update();
		}
	}

	/** The unit goes back to inheriting every key; returns how many keys it had of its own. */
	int deactivate(String unitId) {
		return jdbc.sql("delete from unit_active_definition where unit_id = :u").param("u", unitId).update();
	}

	/** A unit's variants, newest first. */
	List<Variant> of(String unitId) {
		var variants = jdbc.sql("""
				select deployment_id, unit_id, deployed_by, deployed_at, note from unit_variant where unit_id = :u
				order by deployed_at desc, deployment_id desc""")
			.param("u", unitId)
			.query((rs, row) -> new Variant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
					rs.getString(5), new ArrayList<>()))
			.list();
		attachDefinitions(variants);
		return variants;
	}

	Optional<Variant> byId(String deploymentId) {
		var variants = jdbc.sql("select deployment_id, unit_id, deployed_by, deployed_at, note from unit_variant where deployment_id = :d")
			.param("d", deploymentId)
			.query((rs, row) -> new Variant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
					rs.getString(5), new ArrayList<>()))
			.list();
		attachDefinitions(variants);
		return variants.stream().findFirst();
	}

	private void attachDefinitions(List<Variant> variants) {
		if (variants.isEmpty()) {
			return;
		}
		var byDeployment = new LinkedHashMap<String, Variant>();
		variants.forEach(variant -> byDeployment.put(variant.deploymentId(), variant));
		jdbc.sql("""
				select deployment_id, definition_key, definition_id, definition_version, own from unit_variant_definition
				where deployment_id in (:ids) order by definition_key""")
			.param("ids", byDeployment.keySet())
			.query((rs, row) -> {
				byDeployment.get(rs.getString(1)).definitions()
					.add(new Definition(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5)));
				return null;
			})
			.list();
	}

	/** What the given units use of their own, per unit and key. */
	Map<String, Map<String, Active>> activeIn(Collection<String> unitIds) {
		var active = new LinkedHashMap<String, Map<String, Active>>();
		jdbc.sql("""
				select unit_id, definition_key, definition_id, definition_version, deployment_id, activated_at, activated_by
				from unit_active_definition where unit_id in (:units)""")
			.param("units", unitIds)
			.query((rs, row) -> new Active(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), rs.getString(7)))
			.list()
			.forEach(row -> active.computeIfAbsent(row.unitId(), unit -> new LinkedHashMap<>()).put(row.key(), row));
		return active;
	}

}
