package org.civicloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Time limits counted in one state of the calendar: office hours on working days. Monday to Friday are
 * worked unless a year makes the day a holiday; Saturday and Sunday only when it makes the day a make-up
 * working day. A year the calendar does not hold is counted with weekends only, and {@code withoutData}
 * hears of each such year counted.
 *
 * <p>A working day, as a unit, is one working day's office hours (7 hours with 09:00–12:00 and 13:30–17:30):
 * one working day from Monday 10:00 ends Tuesday 10:00; from Monday's opening it ends at Monday's close.
 * Working time that ends exactly at a close is due at the close, not at the next opening.
 */
final class WorkingTime {

	/** How far a limit may reach: a calendar with no working day in it is a mistake, not a wait. */
	private static final int MAX_DAYS = 3660;

	private final ZoneId zone;

	private final List<CalendarProperties.Period> periods;

	private final long dayOfficeSeconds;

	private final Map<LocalDate, Boolean> exceptions;

	private final SortedSet<Integer> years;

	private final IntConsumer withoutData;

	WorkingTime(ZoneId zone, List<CalendarProperties.Period> periods, Collection<CalendarYear> years, IntConsumer withoutData) {
		this.zone = zone;
		this.periods = List.copyOf(periods);
		this.dayOfficeSeconds = periods.stream().mapToLong(CalendarProperties.Period::seconds).sum();
		var days = new HashMap<LocalDate, Boolean>();
		var known = new TreeSet<Integer>();
		for (CalendarYear year : years) {
			days.putAll(year.exceptions());
			known.add(year.year());
		}
		this.exceptions = Map.copyOf(days);
		this.years = Collections.unmodifiableSortedSet(known);
		this.withoutData = withoutData;
	}

	/** When {@code share} (0 to 1) of a limit starting at {@code from} has passed, counted in the limit's unit. */
	Instant after(Instant from, TimeLimit limit, double share) {
		if (!(share >= 0 && share <= 1)) {
			throw new IllegalArgumentException("a share of a limit lies between 0 and 1, not " + share);
		}
		return switch (limit.unit()) {
			case NATURAL_HOURS -> from.plusSeconds(Math.round(limit.amount() * 3600 * share));
			case NATURAL_DAYS -> share == 1 ? from.atZone(zone).plusDays(limit.amount()).toInstant()
					: from.plusSeconds(Math.round(limit.amount() * 86400 * share));
			case WORKING_HOURS -> afterWorking(from, Math.round(limit.amount() * 3600 * share));
			case WORKING_DAYS -> afterWorking(from, Math.round(limit.amount() * dayOfficeSeconds * share));
		};
	}

	boolean workingDay(LocalDate day) {
		Boolean exception = exceptions.get(day);
		if (exception != null) {
			return exception;
		}
		if (!years.contains(day.getYear())) {
			withoutData.accept(day.getYear());
		}
		return !CalendarYear.weekend(day);
	}

	SortedSet<Integer> years() {
		return years;
	}

	ZoneId zone() {
		return zone;
	}

	private Instant afterWorking(Instant from, long seconds) {
		ZonedDateTime start = from.atZone(zone);
		LocalDate day = start.toLocalDate();
		LocalTime time = start.toLocalTime();
		long remaining = seconds;
		for (int days = 0; days < MAX_DAYS; days++, day = day.plusDays(1), time = LocalTime.MIDNIGHT) {
			if (!workingDay(day)) {
				continue;
			}
			for (var period : periods) {
				if (!time.isBefore(period.closes())) {
					continue;
				}
				LocalTime opening = time.isAfter(period.opens()) ? time : period.opens();
				long open = Duration.between(opening, period.closes()).toSeconds();
				if (remaining <= open) {
					return ZonedDateTime.of(day, opening, zone).plusSeconds(remaining).toInstant();
				}
				remaining -= open;
			}
		}
		throw new IllegalStateException("the calendar has no working time for this limit in the ten years after " + from);
	}

}
