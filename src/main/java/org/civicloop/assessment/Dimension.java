package org.civicloop.assessment;

/**
 * What the figures are given per, with the columns that name it: in the roll-ups, and in the fact rows for the
 * matters overdue now (a cadre owes those they signed for).
 */
enum Dimension {

	DEPARTMENTS("department", "lead_department"),
	UNITS("unit_id", "unit_id"),
	CATEGORIES("category", "category"),
	CADRES("cadre", "signed_by");

	final String rollupColumn;

	final String overdueColumn;

	Dimension(String rollupColumn, String overdueColumn) {
		this.rollupColumn = rollupColumn;
		this.overdueColumn = overdueColumn;
	}

	static Dimension named(String name) {
		for (Dimension dimension : values()) {
			if (dimension.name().equalsIgnoreCase(name)) {
				return dimension;
			}
		}
		return null;
	}

}
