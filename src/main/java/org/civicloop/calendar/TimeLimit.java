package org.civicloop.calendar;

/** A limit such as 5 working days: a positive whole amount of a unit. */
public record TimeLimit(int amount, LimitUnit unit) {

	public TimeLimit {
		if (amount <= 0 || unit == null) {
			throw new IllegalArgumentException("a time limit is a positive amount of a unit, not " + amount + " " + unit);
		}
	}

	/**
	 * The limit a decision gave as an amount and a unit's name, or null when they are not a positive whole
	 * number and a known unit.
	 */
	public static TimeLimit of(Object amount, Object unit) {
		LimitUnit named = LimitUnit.named(unit instanceof String text ? text : null);
		if (!(amount instanceof Number number) || named == null || number.doubleValue() != Math.rint(number.doubleValue())
				|| number.doubleValue() < 1 || number.doubleValue() > Integer.MAX_VALUE) {
			return null;
		}
		return new TimeLimit(number.intValue(), named);
	}

	/**
	 * Whether this limit never leaves more working time than {@code ceiling}, whatever the calendar: the same
	 * unit and no more of it, or natural time no longer than the ceiling's working time of the same measure
	 * (n natural hours hold at most n office hours, n natural days at most n days' office hours). Limits in
	 * hours and in days are not compared with each other: a unit writes its limit in the county's measure.
	 */
	public boolean notLooserThan(TimeLimit ceiling) {
		if (unit.days() != ceiling.unit().days()) {
			return false;
		}
		return (unit == ceiling.unit() || (!unit.working() && ceiling.unit().working())) && amount <= ceiling.amount();
	}

	@Override
	public String toString() {
		return amount + " " + unit;
	}

}
