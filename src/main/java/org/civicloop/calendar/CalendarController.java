package org.civicloop.calendar;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.civicloop.organization.Caller;
import org.civicloop.organization.Roles;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Due dates for anyone who checks a limit; the years of holidays, kept by administrators. */
@RestController
class CalendarController {

	private static final int MAX_HOURS = 10_000;

	private static final int MAX_DAYS = 1_000;

	private final BusinessCalendar calendar;

	private final CalendarYears years;

	CalendarController(BusinessCalendar calendar, CalendarYears years) {
		this.calendar = calendar;
		this.years = years;
	}

	/** When a limit of {@code amount} {@code unit} starting at {@code from} runs out. */
	@GetMapping("/api/calendar/due")
	Due due(@RequestParam String from, @RequestParam String amount, @RequestParam String unit) {
		var errors = new TreeMap<String, String>();
		Instant start = null;
		try {
			start = OffsetDateTime.parse(from).toInstant();
		}
		catch (DateTimeParseException notAnInstant) {
			errors.put("from", "must be an ISO-8601 instant with its offset, such as 2026-09-30T16:00:00+08:00");
		}
		LimitUnit limitUnit = LimitUnit.named(unit);
		if (limitUnit == null) {
			errors.put("unit", "must be one of " + Arrays.toString(LimitUnit.values()));
		}
		int count = 0;
		int most = limitUnit != null && limitUnit.days() ? MAX_DAYS : MAX_HOURS;
		try {
			count = Integer.parseInt(amount);
		}
		catch (NumberFormatException notANumber) {
			count = -1;
		}
		if (count < 1 || count > most) {
			errors.put("amount", "must be a whole number from 1 to " + most);
		}
		if (!errors.isEmpty()) {
			throw new CalendarYear.InvalidCalendarException(errors);
		}
		var limit = new TimeLimit(count, limitUnit);
		Instant due = calendar.due(start, limit);
		var zone = calendar.zone();
		List<Integer> weekendsOnly = java.util.stream.IntStream.rangeClosed(start.atZone(zone).getYear(), due.atZone(zone).getYear())
			.filter(year -> !calendar.years().contains(year)).boxed().toList();
		return new Due(start, limit.amount(), limit.unit(), due, due.atZone(zone).toOffsetDateTime(), zone.getId(), weekendsOnly);
	}

	/**
	 * A limit and when it runs out.
	 *
	 * @param dueLocal the same instant in the calendar's zone
	 * @param countedWithWeekendsOnly years the limit runs through whose holidays the calendar does not hold yet
	 */
	record Due(Instant from, int amount, LimitUnit unit, Instant due, OffsetDateTime dueLocal, String zone,
			List<Integer> countedWithWeekendsOnly) {
	}

	/** The years the calendar holds, where each came from, and the near years it lacks. */
	@GetMapping("/api/calendar/years")
	Years years() {
		return new Years(years.stored(), calendar.withoutData());
	}

	record Years(List<CalendarYears.Stored> years, List<Integer> withoutData) {
	}

	@GetMapping("/api/calendar/years/{year}")
	CalendarYear year(@PathVariable int year) {
		return calendar.year(year).orElseThrow(() -> new NoYear(year));
	}

	/** Sets a year's holidays and make-up working days, in place of any before; administrators only, audited. */
	@PutMapping("/api/calendar/years/{year}")
	CalendarYear put(@PathVariable int year, @RequestBody CalendarYear data, Authentication caller) {
		if (!Caller.of(caller).inAny(Roles.ADMIN)) {
			throw new AccessDeniedException("The calendar is kept by administrators");
		}
		if (data.year() != year) {
			throw new CalendarYear.InvalidCalendarException(Map.of("year", "must be " + year + ", the year of the address"));
		}
		calendar.put(data, caller.getName());
		return calendar.year(year).orElseThrow();
	}

	@ExceptionHandler(CalendarYear.InvalidCalendarException.class)
	ProblemDetail invalid(CalendarYear.InvalidCalendarException invalid) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
		problem.setTitle("Invalid calendar request");
		problem.setProperty("errors", new TreeMap<>(invalid.problems()));
		return problem;
	}

	@ExceptionHandler(NoYear.class)
	ProblemDetail noYear(NoYear missing) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, missing.getMessage());
	}

	private static final class NoYear extends RuntimeException {

		NoYear(int year) {
			super("The calendar holds no holidays for " + year + "; it counts that year with weekends only");
		}

	}

}
