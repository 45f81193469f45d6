package org.civicloop.matter;

import java.time.Instant;

/**
 * The matter record: what was reported, by whom, where it stands. {@code trackingNo} is what the matter is
 * called between the citizen and the cadres; {@code publicId} is what public listings show instead.
 */
public record Matter(long id, String trackingNo, String processInstanceId, String channel, String matterType,
		String category, String urgency, String description, String unitId, String address, String gridCode,
		Contact reporter, String stage, String leadDepartment, java.util.List<String> coDepartments,
		Instant registeredAt, Instant closedAt, String satisfaction, Double latitude, Double longitude,
		String registeredBy, String operatorId, java.util.List<String> attachments, Instant dueAt, String publicId) {

	public boolean isClosed() {
		return closedAt != null;
	}

	/**
	 * Whether someone in these groups handles this matter — the dispatch centre, the lead department or a
	 * co-handling one — and so may see the reporter's full contact.
	 */
	public boolean isHandledByAnyOf(java.util.Collection<String> groups) {
		return groups.contains(org.civicloop.organization.Roles.DISPATCH_CENTRE) || groups.contains(leadDepartment)
				|| coDepartments.stream().anyMatch(groups::contains);
	}

}
