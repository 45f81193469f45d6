package org.civicloop.organization;

/**
 * A unit of the administrative hierarchy (county 县, town 镇/街道, village 村/社区); each is a tenant.
 *
 * @param townId the town the unit lies in: itself for a town, its town for a village, none for the county
 * @param parentId the next unit up, none for the county
 */
public record Unit(String id, String name, Level level, String townId, String parentId) {

	public enum Level {

		COUNTY, TOWN, VILLAGE;

		/** The value the routing table compares against. */
		public String code() {
			return name().toLowerCase();
		}

	}

}
