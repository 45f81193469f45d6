package org.civicloop.matter;

import java.time.Instant;
import java.util.List;

import org.civicloop.organization.Directory;

/**
 * A matter as staff read it: what, where, who handles it, how far it has come, and — in a single read —
 * its responsibility chain. The reporter is always masked here; the full contact has its own audited read.
 */
record MatterView(String trackingNo, String channel, String type, String category, String categoryName,
		String urgency, String description, String unit, String unitName, Location location, String reporter,
		String registeredBy, String operator, List<String> attachments, String stage, String leadDepartment,
		String leadDepartmentName, List<String> coDepartments, Instant registeredAt, Instant dueAt, boolean overdue,
		Instant closedAt, String satisfaction, List<Step> timeline) {

	record Location(String address, String gridCode, Double latitude, Double longitude) {
	}

	/** One step of the responsibility chain: which department, which cadre, when, what. */
	record Step(String kind, Instant at, String stage, String department, String departmentName, String cadre,
			String note) {
	}

	static MatterView of(Matter matter, List<Timeline.Entry> entries, Categories categories, Directory directory, Instant now) {
		boolean overdue = !matter.isClosed() && matter.dueAt() != null && matter.dueAt().isBefore(now);
		return new MatterView(matter.trackingNo(), matter.channel(), matter.matterType(), matter.category(),
				categories.nameOf(matter.category()),
				matter.urgency(), matter.description(), matter.unitId(),
				directory.unit(matter.unitId()).map(unit -> unit.name()).orElse(matter.unitId()),
				new Location(matter.address(), matter.gridCode(), matter.latitude(), matter.longitude()),
				matter.reporter().masked(), matter.registeredBy(), matter.operatorId(), matter.attachments(), matter.stage(),
				matter.leadDepartment(), matter.leadDepartment() == null ? null : directory.officeName(matter.leadDepartment()),
				matter.coDepartments(), matter.registeredAt(), matter.dueAt(), overdue, matter.closedAt(),
				matter.satisfaction(),
				entries.stream().map(entry -> new Step(entry.kind().name(), entry.at(), entry.stage(), entry.department(),
						entry.department() == null ? null : directory.officeName(entry.department()), entry.actor(),
						entry.note())).toList());
	}

}
