package org.civicloop.assessment;

/**
 * What the figures are given per, with the columns that name it: in the roll-ups, for sign-for (durations and
 * matters overdue now, which a cadre owes from signing for) and for handling and the whole loop.
 */
enum Dimension {

	DEPARTMENTS("department", "lead_department", "lead_department"),
	UNITS("unit_id", "unit_id", "unit_id"),
	CATEGORIES("category", "category", "category"),
	CADRES("cadre", "signed_by", "handled_by");

	final String dayColumn;

	final String signColumn;

	final String handleColumn;

	Dimension(String dayColumn, String signColumn, String handleColumn) {
		this.dayColumn = dayColumn;
		this.signColumn = signColumn;
		this.handleColumn = handleColumn;
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
