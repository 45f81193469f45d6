package org.civicloop.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One year's exceptions to the week, as the State Council's notice gives them: the holidays (days off, even
 * on a weekday) and the make-up working days (调休, worked even on a weekend). Every other Saturday and Sunday
 * is off and every other weekday is worked.
 */
public record CalendarYear(int year, List<Holiday> off, List<WorkedDay> worked) {

	public CalendarYear {
		off = off == null ? List.of() : List.copyOf(off);
		worked = worked == null ? List.of() : List.copyOf(worked);
	}

	/** Days off from {@code from} to {@code to}, both included. */
	public record Holiday(String name, LocalDate from, LocalDate to) {
	}

	/** A weekend day that is worked. */
	public record WorkedDay(String name, LocalDate date) {
	}

	/** What is wrong with this year's data, by field; empty when it can be loaded. */
	public Map<String, String> problems() {
		var problems = new TreeMap<String, String>();
		if (year < 2000 || year > 2100) {
			problems.put("year", "must lie between 2000 and 2100, not " + year);
			return problems;
		}
		var seen = new HashMap<LocalDate, String>();
		for (int i = 0; i < off.size(); i++) {
			Holiday holiday = off.get(i);
			String field = "off[" + i + "]";
			if (holiday == null || holiday.from() == null || holiday.to() == null) {
				problems.put(field, "needs from and to (yyyy-MM-dd)");
				continue;
			}
			checkName(holiday.name(), field, problems);
			if (holiday.to().isBefore(holiday.from()) || holiday.from().plusDays(31).isBefore(holiday.to())) {
				problems.put(field, "must run from a day to the same or a later day, at most a month");
				continue;
			}
			for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
				checkDay(day, field, seen, problems);
			}
		}
		for (int i = 0; i < worked.size(); i++) {
			WorkedDay day = worked.get(i);
			String field = "worked[" + i + "]";
			if (day == null || day.date() == null) {
				problems.put(field, "needs a date (yyyy-MM-dd)");
				continue;
			}
			checkName(day.name(), field, problems);
			if (!weekend(day.date())) {
				problems.put(field, day.date() + " is a weekday and so a working day already");
			}
			checkDay(day.date(), field, seen, problems);
		}
		return problems;
	}

	private void checkDay(LocalDate day, String field, Map<LocalDate, String> seen, Map<String, String> problems) {
		if (day.getYear() != year) {
			problems.putIfAbsent(field, day + " is not in " + year);
		}
		String earlier = seen.putIfAbsent(day, field);
		if (earlier != null) {
			problems.putIfAbsent(field, day + " is already given by " + earlier);
		}
	}

	private static void checkName(String name, String field, Map<String, String> problems) {
		if (name == null || name.isBlank() || name.length() > 40) {
			problems.put(field + ".name", "needs a name of at most 40 characters, such as 国庆节");
		}
	}

	/** Whether each exceptional day of the year is worked; only for a year without {@link #problems()}. */
	Map<LocalDate, Boolean> exceptions() {
		var days = new LinkedHashMap<LocalDate, Boolean>();
		for (Holiday holiday : off) {
			holiday.from().datesUntil(holiday.to().plusDays(1)).forEach(day -> days.put(day, false));
		}
		worked.forEach(day -> days.put(day.date(), true));
		return days;
	}

	static boolean weekend(LocalDate day) {
		return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

	/** Rejected calendar data: nothing of it was stored. */
	public static class InvalidCalendarException extends RuntimeException {

		private final Map<String, String> problems;

		InvalidCalendarException(Map<String, String> problems) {
			super("The calendar data has mistakes; see errors");
			this.problems = Map.copyOf(problems);
		}

		public Map<String, String> problems() {
			return problems;
		}

	}

}
