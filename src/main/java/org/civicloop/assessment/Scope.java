package org.civicloop.assessment;

import java.util.HashSet;
import java.util.Set;

import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

/**
 * What a caller's figures cover: everything for leaders, the dispatch centre, the county's supervision office and
 * administrators; otherwise the matters led by its own departments and the matters of its units — a county
 * department sees itself, a town office its town and villages, a village committee its village.
 */
record Scope(boolean everything, Set<String> departments, Set<String> units) {

	static final Scope EVERYTHING = new Scope(true, Set.of(), Set.of());

	/** The caller's scope, or null when the caller has no figures to see. */
	static Scope of(Caller caller, Directory directory) {
		var supervision = directory.county().supervisionOffice();
		if (caller.seesAllMatters() || (supervision != null && caller.groups().contains(supervision.id()))) {
			return EVERYTHING; // the supervision office (督办) watches the timeliness of every department and town
		}
		var departments = new HashSet<String>();
		var units = new HashSet<String>();
		var offices = directory.offices();
		offices.forEach((office, unitId) -> {
			if (!caller.groups().contains(office.id()) || !directory.isHandlingGroup(office.id())) {
				return;
			}
			departments.add(office.id());
			Unit unit = directory.unit(unitId).orElseThrow();
			if (unit.level() != Unit.Level.COUNTY) {
				directory.unitsUnder(unitId).forEach(each -> units.add(each.id()));
			}
		});
		return departments.isEmpty() ? null : new Scope(false, Set.copyOf(departments), Set.copyOf(units));
	}

	/** The caller's scope; refused when the caller has no figures to see. */
	static Scope required(Caller caller, Directory directory) {
		Scope scope = of(caller, directory);
		if (scope == null) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Figures and reports are for leaders, the dispatch centre, departments and the offices of towns and villages");
		}
		return scope;
	}

	/** The SQL condition (after {@code and}) that keeps a row in scope; {@code :scopeDepartments}, {@code :scopeUnits}. */
	String condition(String departmentColumn) {
		return condition(departmentColumn, "unit_id");
	}

	String condition(String departmentColumn, String unitColumn) {
		return everything ? "1 = 1" : "(" + departmentColumn + " in (:scopeDepartments) or " + unitColumn + " in (:scopeUnits))";
	}

	/** Whether a stored report is in sight: a town's daily report for its office, a department's weekly note for it. */
	boolean sees(String kind, String reportScope) {
		return everything || (kind.equals("daily") ? units.contains(reportScope) && !departments.contains(reportScope) : departments.contains(reportScope));
	}

	/** The parameters of {@link #condition}; a set never empty, as SQL's {@code in ()} needs. */
	Set<String> departmentsParameter() {
		return departments.isEmpty() ? Set.of("") : departments;
	}

	Set<String> unitsParameter() {
		return units.isEmpty() ? Set.of("") : units;
	}

}
