package org.civicloop.variant;

import java.util.List;
import java.util.Optional;

import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.organization.Unit;

import org.springframework.stereotype.Component;

/** Who may change and who may read a unit's variants. */
@Component
class VariantAccess {

	private final Directory directory;

	private final DeploymentGuard guard;

	VariantAccess(Directory directory, DeploymentGuard guard) {
		this.directory = directory;
		this.guard = guard;
	}

	Optional<Unit> unit(String unitId) {
		return directory.unit(unitId);
	}

	List<Unit> units() {
		return directory.units();
	}

	/** Designers and administrators everywhere; a unit administrator for their own unit. */
	boolean mayChange(Caller caller, String unitId) {
		if (caller.inAny(Roles.ADMIN, Roles.DESIGNERS)) {
			return true;
		}
		return caller.inAny(Roles.UNIT_ADMINS) && guard.unitsAdministeredBy(List.copyOf(caller.groups())).contains(unitId);
	}

	/** Those who may change a unit's variants, and the county's leaders and operators. */
	boolean mayRead(Caller caller, String unitId) {
		return mayChange(caller, unitId) || caller.inAny(Roles.LEADERS, Roles.OPERATORS);
	}

}
