package org.civicloop.calendar;

/**
 * What a time limit counts. Natural time runs day and night from the moment a limit starts; working time
 * runs only in office hours on working days, and a start outside them counts from the next opening.
 */
public enum LimitUnit {

	NATURAL_HOURS(false, false), NATURAL_DAYS(false, true), WORKING_HOURS(true, false), WORKING_DAYS(true, true);

	private final boolean working;

	private final boolean days;

	LimitUnit(boolean working, boolean days) {
		this.working = working;
		this.days = days;
	}

	public boolean working() {
		return working;
	}

	public boolean days() {
		return days;
	}

	/** The unit named by {@code text} (as the {@code time-limits} table and the API write it), or null. */
	public static LimitUnit named(String text) {
		for (LimitUnit unit : values()) {
			if (unit.name().equals(text)) {
				return unit;
			}
		}
		return null;
	}

}
