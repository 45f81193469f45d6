package org.civicloop.organization;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Writes the directory into the engine's identity: units become tenants, offices and roles become
 * groups, cadres become users with their memberships.
 *
 * <p>Idempotent: what exists is kept (a cadre's password changed in Camunda Admin stays changed),
 * names are brought up to date, only what is missing is created. Outside the demo, accounts are created
 * without a password and the directory makes no administrator.
 */
@Component
@Order(10)
class IdentityLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(IdentityLoader.class);

	/**
	 * Roles that act for one unit: their members reach the unit's tenant through the unit's own group, so
	 * the role itself is in no tenant (a unit administrator must not read other units' variants).
	 */
	static final java.util.Set<String> UNIT_SCOPED_ROLES = java.util.Set.of(Roles.UNIT_ADMINS);

	private final Directory directory;

	private final IdentityService identity;

	private final OrganizationProperties properties;

	IdentityLoader(Directory directory, IdentityService identity, OrganizationProperties properties) {
		this.directory = directory;
		this.identity = identity;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		int created = 0;
		for (Unit unit : directory.units()) {
			created += ensureTenant(unit);
		}
		for (var office : directory.offices().entrySet()) {
			created += ensureGroup(office.getKey());
			// A group works on the matters of its unit and of the units below it, whichever variant they run on;
			// a role that acts for a unit only gets its tenants through the unit's own group.
			var tenants = UNIT_SCOPED_ROLES.contains(office.getKey().id()) ? java.util.List.<Unit>of()
					: directory.unitsUnder(office.getValue());
			created += ensureTenantMemberships(office.getKey().id(), tenants);
		}
		for (Directory.Cadre cadre : directory.cadres()) {
			if (!properties.demo() && cadre.groups().contains(Roles.ADMIN)) {
				continue; // outside the demo the first administrator comes from the setup page, with a password of their own
			}
			created += ensureUser(cadre);
			for (String group : cadre.groups()) {
				created += ensureMembership(cadre.id(), group);
			}
		}
		log.info("Organisation directory loaded: {} units, {} groups, {} cadres; {} identity entries created",
				directory.units().size(), directory.offices().size(), directory.cadres().size(), created);
	}

	private int ensureTenant(Unit unit) {
		var existing = identity.createTenantQuery().tenantId(unit.id()).singleResult();
		if (existing != null) {
			if (!unit.name().equals(existing.getName())) {
				existing.setName(unit.name());
				identity.saveTenant(existing);
			}
			return 0;
		}
		var tenant = identity.newTenant(unit.id());
		tenant.setName(unit.name());
		identity.saveTenant(tenant);
		return 1;
	}

	private int ensureGroup(Directory.Office office) {
		Group group = identity.createGroupQuery().groupId(office.id()).singleResult();
		if (group != null) {
			if (!office.name().equals(group.getName())) {
				group.setName(office.name());
				identity.saveGroup(group);
			}
			return 0;
		}
		group = identity.newGroup(office.id());
		group.setName(office.name());
		group.setType(office.id().equals(Roles.ADMIN) ? "SYSTEM" : "WORKFLOW");
		identity.saveGroup(group);
		return 1;
	}

	/** Makes a group's tenant memberships exactly these units. */
	private int ensureTenantMemberships(String groupId, java.util.List<Unit> units) {
		var existing = identity.createTenantQuery().groupMember(groupId).list().stream().map(tenant -> tenant.getId()).toList();
		var wanted = units.stream().map(Unit::id).toList();
		int changed = 0;
		for (String unit : wanted) {
			if (!existing.contains(unit)) {
				identity.createTenantGroupMembership(unit, groupId);
				changed++;
			}
		}
		for (String tenant : existing) {
			if (!wanted.contains(tenant)) {
				identity.deleteTenantGroupMembership(tenant, groupId);
				changed++;
			}
		}
		return changed;
	}

	private int ensureUser(Directory.Cadre cadre) {
		User user = identity.createUserQuery().userId(cadre.id()).singleResult();
		boolean isNew = user == null;
		if (isNew) {
			user = identity.newUser(cadre.id());
			if (properties.demo()) {
				user.setPassword(OrganizationProperties.DEMO_PASSWORD);
			}
		}
		else if (cadre.name().equals(user.getLastName()) && cadre.email().equals(user.getEmail())) {
			return 0;
		}
		// Chinese names are written whole; Camunda shows "first last", so the whole name goes last.
		user.setFirstName("");
		user.setLastName(cadre.name());
		user.setEmail(cadre.email());
		identity.saveUser(user);
		return isNew ? 1 : 0;
	}

	private int ensureMembership(String userId, String groupId) {
		if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0) {
			return 0;
		}
		identity.createMembership(userId, groupId);
		return 1;
	}

}
