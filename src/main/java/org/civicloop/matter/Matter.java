package org.civicloop.matter;

import java.time.Instant;

/** The matter record: what was reported, by whom, where it stands. */
public record Matter(long id, String trackingNo, String processInstanceId, String channel, String matterType,
		String category, String urgency, String description, String unitId, String address, String gridCode,
		Contact reporter, String stage, String leadDepartment, Instant registeredAt, Instant closedAt,
		String satisfaction) {

	public boolean isClosed() {
		return closedAt != null;
	}

}
