package org.civicloop.organization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.springframework.core.io.Resource;

/**
 * The organisation as the directory file describes it: one county with its dispatch centre and
 * departments, towns with their offices, villages, role groups and cadres.
 *
 * <p>Everything the engine knows as a group (candidate groups, routing outputs, Tasklist filters) is
 * an {@link Office} here; every unit is also a tenant, so that a unit's process variants have a home.
 */
public record Directory(County county, List<Office> roles, List<Cadre> cadres) {

	/**
	 * The county: its dispatch centre, and its supervision office (督查室), which supervises the matters of
	 * departments and towns still overdue after the grace; without one the dispatch centre does.
	 */
	public record County(String id, String name, List<String> grids, Office dispatchCentre, Office supervisionOffice,
			List<Office> departments, List<Town> towns) {

		/** The group that supervises (督办) departments and towns. */
		public Office supervisor() {
			return supervisionOffice != null ? supervisionOffice : dispatchCentre;
		}

	}

	public record Town(String id, String name, Office office, List<Village> villages) {
	}

	public record Village(String id, String name, List<String> grids) {

		/** The group of the village (or community) committee's cadres. */
		public Office committee() {
			return new Office("unit-" + id, name + "村（居）委会");
		}

	}

	/**
	 * A group of cadres: a department, an office, a committee or a role; {@code head} is the account of its
	 * head (负责人), told when one of its matters is overdue, if the directory names one.
	 */
	public record Office(String id, String name, String head) {

		public Office(String id, String name) {
			this(id, name, null);
		}

	}

	public record Cadre(String id, String name, String email, List<String> groups) {

		@Override
		public String toString() {
			return "Cadre[" + id + "]";
		}

	}

	public Directory {
		roles = List.copyOf(roles);
		cadres = List.copyOf(cadres);
		checkConsistent(county, roles, cadres);
	}

	public static Directory read(Resource resource) {
		var mapper = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
		try (InputStream in = resource.getInputStream()) {
			return mapper.readValue(in, Directory.class);
		}
		catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException ex) {
			throw new IllegalArgumentException("The organisation directory " + resource.getDescription() + " is inconsistent: "
					+ ex.getCause().getMessage(), ex.getCause());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the organisation directory " + resource, ex);
		}
	}

	/** Every unit, county first, each town followed by its villages. */
	public List<Unit> units() {
		var units = new ArrayList<Unit>();
		units.add(new Unit(county.id(), county.name(), Unit.Level.COUNTY, null, null));
		for (Town town : county.towns()) {
			units.add(new Unit(town.id(), town.name(), Unit.Level.TOWN, town.id(), county.id()));
			for (Village village : town.villages()) {
				units.add(new Unit(village.id(), village.name(), Unit.Level.VILLAGE, town.id(), town.id()));
			}
		}
		return units;
	}

	public Optional<Unit> unit(String id) {
		return units().stream().filter(unit -> unit.id().equals(id)).findFirst();
	}

	/** A unit and every unit below it: the county holds all, a town its villages, a village itself. */
	public List<Unit> unitsUnder(String unitId) {
		return units().stream()
			.filter(unit -> county.id().equals(unitId) || unit.id().equals(unitId) || unitId.equals(unit.townId()))
			.toList();
	}

	/** The units whose town office or village committee is one of these groups, with the villages below a town. */
	public Set<String> unitsOfLocalOffices(java.util.Collection<String> groups) {
		// towns and villages only: a county-wide role named like a unit group (unit-admins) is no local office
		var units = new java.util.TreeSet<String>();
		for (Town town : county.towns()) {
			if (groups.contains(town.office().id())) {
				unitsUnder(town.id()).forEach(unit -> units.add(unit.id()));
			}
			town.villages().stream().filter(village -> groups.contains(village.committee().id())).forEach(village -> units.add(village.id()));
		}
		return units;
	}

	/** The units from one up to the county: the village, its town, the county. */
	public List<Unit> chainUp(String unitId) {
		var chain = new ArrayList<Unit>();
		for (Unit unit = unit(unitId).orElse(null); unit != null; unit = unit.parentId() == null ? null : unit(unit.parentId()).orElse(null)) {
			chain.add(unit);
		}
		return chain;
	}

	/** The grid cells of a unit: the county's urban core, a village's cells; a town has none of its own. */
	public List<String> grids(String unitId) {
		if (county.id().equals(unitId)) {
			return county.grids() == null ? List.of() : county.grids();
		}
		return county.towns().stream().flatMap(town -> town.villages().stream())
			.filter(village -> village.id().equals(unitId))
			.flatMap(village -> village.grids() == null ? java.util.stream.Stream.<String>empty() : village.grids().stream())
			.toList();
	}

	/** Every group a cadre can belong to, keyed by id, with the unit (tenant) it belongs to. */
	public Map<Office, String> offices() {
		var offices = new LinkedHashMap<Office, String>();
		offices.put(county.dispatchCentre(), county.id());
		if (county.supervisionOffice() != null) {
			offices.put(county.supervisionOffice(), county.id());
		}
		county.departments().forEach(department -> offices.put(department, county.id()));
		for (Town town : county.towns()) {
			offices.put(town.office(), town.id());
			town.villages().forEach(village -> offices.put(village.committee(), village.id()));
		}
		roles.forEach(role -> offices.put(role, county.id()));
		return offices;
	}

	/**
	 * Who supervises (督办) a matter its lead still has overdue: the town's office for a village committee,
	 * the county's supervision office for a department or a town office.
	 */
	public String supervisorOf(String leadGroup) {
		for (Town town : county.towns()) {
			if (town.villages().stream().anyMatch(village -> village.committee().id().equals(leadGroup))) {
				return town.office().id();
			}
		}
		return county.supervisor().id();
	}

	/** The head of a department or office, if the directory names one. */
	public java.util.Optional<String> head(String groupId) {
		return offices().keySet().stream().filter(office -> office.id().equals(groupId) && office.head() != null)
			.map(Office::head).findFirst();
	}

	/** The display name of a group id, or the id itself when the directory does not know it. */
	public String officeName(String groupId) {
		return offices().keySet().stream().filter(office -> office.id().equals(groupId)).map(Office::name)
			.findFirst().orElse(groupId);
	}

	/**
	 * The groups that handle matters: the county's departments, the town offices and the village committees.
	 * Routing, re-dispatch and a variant's steps name only these; never the dispatch centre or a role group.
	 */
	public Set<String> handlingGroups() {
		var groups = new java.util.LinkedHashSet<String>();
		county.departments().forEach(department -> groups.add(department.id()));
		for (Town town : county.towns()) {
			groups.add(town.office().id());
			town.villages().forEach(village -> groups.add(village.committee().id()));
		}
		return groups;
	}

	public boolean isHandlingGroup(String groupId) {
		return handlingGroups().contains(groupId);
	}

	/**
	 * The groups a unit's variant may give its own steps to: the county's departments and dispatch centre,
	 * and the offices and committees of the unit, the units above it and the units below it.
	 */
	public Set<String> groupsWorkingFor(String unitId) {
		var units = new java.util.HashSet<String>();
		chainUp(unitId).forEach(unit -> units.add(unit.id()));
		unitsUnder(unitId).forEach(unit -> units.add(unit.id()));
		var groups = new java.util.LinkedHashSet<String>();
		groups.add(county.dispatchCentre().id());
		county.departments().forEach(department -> groups.add(department.id()));
		for (Town town : county.towns()) {
			if (units.contains(town.id())) {
				groups.add(town.office().id());
			}
			town.villages().stream().filter(village -> units.contains(village.id()))
				.forEach(village -> groups.add(village.committee().id()));
		}
		return groups;
	}

	private static void checkConsistent(County county, List<Office> roles, List<Cadre> cadres) {
		var groupIds = new HashSet<String>();
		var unitIds = new HashSet<String>();
		unitIds.add(county.id());
		groupIds.add(county.dispatchCentre().id());
		if (county.supervisionOffice() != null) {
			requireNew(groupIds, county.supervisionOffice().id(), "group");
		}
		county.departments().forEach(department -> requireNew(groupIds, department.id(), "group"));
		for (Town town : county.towns()) {
			requireNew(unitIds, town.id(), "unit");
			requireNew(groupIds, town.office().id(), "group");
			for (Village village : town.villages()) {
				requireNew(unitIds, village.id(), "unit");
				requireNew(groupIds, village.committee().id(), "group");
			}
		}
		roles.forEach(role -> requireNew(groupIds, role.id(), "group"));
		Set<String> cadreIds = new HashSet<>();
		for (Cadre cadre : cadres) {
			requireNew(cadreIds, cadre.id(), "cadre");
			for (String group : cadre.groups()) {
				if (!groupIds.contains(group)) {
					throw new IllegalArgumentException("Cadre " + cadre.id() + " names unknown group " + group);
				}
			}
		}
	}

	private static void requireNew(Set<String> seen, String id, String what) {
		if (!seen.add(id)) {
			throw new IllegalArgumentException("The directory names " + what + " " + id + " twice");
		}
	}

}
