package org.civicloop.assessment;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/** Whole days from {@code from} to {@code to}, both included, as every figures request names them. */
record Period(LocalDate from, LocalDate to) {

	/** The longest period asked for at once, in days. */
	static final int LONGEST = 731;

	/** The period of a request's {@code from} and {@code to}; refused with every fault named. */
	static Period of(String from, String to) {
		var errors = new TreeMap<String, String>();
		LocalDate first = date("from", from, errors);
		LocalDate last = date("to", to, errors);
		if (first != null && last != null && (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= LONGEST)) {
			errors.put("to", "must lie from " + first + " to " + first.plusDays(LONGEST - 1));
		}
		InvalidRequest.unless(errors);
		return new Period(first, last);
	}

	/** One day a request names ({@code name}: its parameter); refused when it is not a date. */
	static LocalDate day(String name, String value) {
		var errors = new TreeMap<String, String>();
		LocalDate day = date(name, value, errors);
		InvalidRequest.unless(errors);
		return day;
	}

	private static LocalDate date(String name, String value, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			errors.put(name, "is required, a date as YYYY-MM-DD");
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException notADate) {
			errors.put(name, "must be a date as YYYY-MM-DD");
			return null;
		}
	}

	/** A figures request that cannot be answered: each faulty parameter with what it must be. Answered 400. */
	static final class InvalidRequest extends RuntimeException {

		final Map<String, String> errors;

		InvalidRequest(Map<String, String> errors) {
			super(errors.toString());
			this.errors = Map.copyOf(errors);
		}

		static void unless(Map<String, String> errors) {
			if (!errors.isEmpty()) {
				throw new InvalidRequest(errors);
			}
		}

	}

}
