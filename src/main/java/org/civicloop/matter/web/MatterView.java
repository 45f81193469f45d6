package org.civicloop.matter.web;

import java.time.Instant;
import java.util.List;

import org.civicloop.matter.Categories;
import org.civicloop.matter.Matter;
import org.civicloop.matter.store.Timeline;
import org.civicloop.organization.Directory;

/**
 * A matter as staff read it: what, where, who handles it, how far it has come, and — in a single read —
 * its responsibility chain. The reporter is always masked here; the full contact has its own audited read.
 */
record MatterView(String trackingNo, String channel, String type, String category, String categoryName,
		String urgency, String description, String unit, String unitName, Location location, String reporter,
		String registeredBy, String operator, List<String> attachments, String stage, String leadDepartment,
		String leadDepartmentName, List<String> coDepartments, Instant registeredAt, Instant dueAt, boolean overdue,
		Instant closedAt, String satisfaction, int extensions, List<Step> timeline) {

	record Location(String address, String gridCode, Double latitude, Double longitude) {
	}

	/** One step of the responsibility chain: which department, which cadre, when, what. */
	record Step(String kind, Instant at, String stage, String department, String departmentName, String cadre,
			String note) {
	}

	static MatterView of(Matter matter, List<Timeline.Entry> entries, Categories categories, Directory directory, Instant now) {
		var report = matter.report();
		var progress = matter.progress();
		boolean overdue = !matter.isClosed() && progress.dueAt() != null && progress.dueAt().isBefore(now);
		String lead = progress.leadDepartment();
		return new MatterView(matter.trackingNo(), report.channel(), report.matterType(), report.category(),
				categories.nameOf(report.category()), report.urgency(), report.description(), report.unitId(),
				directory.unit(report.unitId()).map(unit -> unit.name()).orElse(report.unitId()),
				new Location(report.address(), report.gridCode(), report.latitude(), report.longitude()),
				report.reporter().masked(), matter.registeredBy(), report.operatorId(), report.attachments(), progress.stage(),
				lead, lead == null ? null : directory.officeName(lead), progress.coDepartments(), progress.registeredAt(),
				progress.dueAt(), overdue, progress.closedAt(), progress.satisfaction(), progress.extensions(),
				entries.stream().map(entry -> new Step(entry.kind().name(), entry.at(), entry.stage(), entry.department(),
						entry.department() == null ? null : directory.officeName(entry.department()), entry.actor(),
						entry.note())).toList());
	}

}
