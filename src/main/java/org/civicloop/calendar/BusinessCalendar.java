package org.civicloop.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicloop.security.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The county's working calendar: {@link WorkingTime} over the years of holidays stored in the database,
 * which every node reads again within {@code civicloop.calendar.refresh} of a change. On start it loads the
 * years the database lacks from the shipped notices and the configured file. A year the database does not
 * hold is counted with weekends only, and the log and the health say so.
 */
@Component
public class BusinessCalendar {

	private static final Logger log = LoggerFactory.getLogger(BusinessCalendar.class);

	/** The holidays of the years this release knows, from the State Council's notices. */
	static final String SHIPPED = "calendar/cn-holidays.json";

	private final CalendarYears years;

	private final Audit audit;

	private final Clock clock;

	private final CalendarProperties properties;

	private final Set<Integer> warnedWithoutData = ConcurrentHashMap.newKeySet();

	private volatile Snapshot snapshot;

	BusinessCalendar(CalendarProperties properties, CalendarYears years, Audit audit, Clock clock, ObjectMapper json) {
		this.years = years;
		this.audit = audit;
		this.clock = clock;
		this.properties = properties;
		load(new ClassPathResource(SHIPPED), "shipped", json);
		if (properties.file() != null) {
			load(properties.file(), properties.file().getDescription(), json);
		}
		this.snapshot = read();
		List<Integer> missing = withoutData();
		if (!missing.isEmpty()) {
			log.warn("The calendar holds no holidays for {}: counted with weekends only until they are loaded (PUT /api/calendar/years/{year})",
					missing);
		}
	}

	/** When a limit starting at {@code from} runs out. */
	public Instant due(Instant from, TimeLimit limit) {
		return after(from, limit, 1);
	}

	/** When {@code share} (0 to 1) of a limit starting at {@code from} has passed, counted in the limit's unit. */
	public Instant after(Instant from, TimeLimit limit, double share) {
		return snapshot.time().after(from, limit, share);
	}

	/** Whether {@code day} is a working day. */
	public boolean workingDay(LocalDate day) {
		return snapshot.time().workingDay(day);
	}

	public ZoneId zone() {
		return properties.zone();
	}

	/** The years whose holidays the calendar holds. */
	public SortedSet<Integer> years() {
		return snapshot.time().years();
	}

	/** This year and the next, where the calendar holds no holidays for them. */
	public List<Integer> withoutData() {
		int now = clock.instant().atZone(zone()).getYear();
		return List.of(now, now + 1).stream().filter(year -> !years().contains(year)).toList();
	}

	/** The stored data of a year, if the calendar holds it. */
	public java.util.Optional<CalendarYear> year(int year) {
		return years.all().stream().filter(stored -> stored.year() == year).findFirst();
	}

	/** Stores a year's holidays and make-up days in place of any before, audited; every node counts with them within {@code refresh}. */
	public void put(CalendarYear year, String by) {
		var problems = year.problems();
		if (!problems.isEmpty()) {
			throw new CalendarYear.InvalidCalendarException(problems);
		}
		years.put(year, by, "api", clock.instant());
		audit.record(by, "calendar.year.set", String.valueOf(year.year()), describe(year));
		reload();
	}

	/** Reads the stored years again when another node changed them. */
	@Scheduled(fixedDelayString = "${civicloop.calendar.refresh:1m}", initialDelayString = "${civicloop.calendar.refresh:1m}")
	void refresh() {
		if (!years.version().equals(snapshot.version())) {
			reload();
		}
	}

	private void reload() {
		snapshot = read();
		log.info("Calendar read: holidays of {}", years());
	}

	private Snapshot read() {
		String version = years.version();
		return new Snapshot(version, new WorkingTime(properties.zone(), properties.periods(), years.all(), this::countedWithoutData));
	}

	private void countedWithoutData(int year) {
		if (warnedWithoutData.add(year)) {
			log.warn("Counting working time in {}, for which the calendar holds no holidays: weekends only", year);
		}
	}

	/** Loads the years of a calendar file that the database does not hold yet; a year already held is left as it is. */
	private void load(Resource resource, String source, ObjectMapper json) {
		CalendarFile file;
		try (InputStream in = resource.getInputStream()) {
			file = json.readValue(in, CalendarFile.class);
		}
		catch (IOException unreadable) {
			throw new IllegalStateException("Cannot read the calendar file " + resource.getDescription() + ": " + unreadable.getMessage(), unreadable);
		}
		for (CalendarYear year : file.years()) {
			var problems = year.problems();
			if (!problems.isEmpty()) {
				throw new IllegalStateException("The calendar file " + resource.getDescription() + " has mistakes in "
						+ year.year() + ": " + problems);
			}
			if (years.addIfAbsent(year, "civicloop", source, clock.instant())) {
				audit.record("civicloop", "calendar.year.set", String.valueOf(year.year()), describe(year) + ", from " + source);
				log.info("Calendar: holidays of {} loaded from {}", year.year(), source);
			}
		}
	}

	private static String describe(CalendarYear year) {
		return year.off().size() + " holidays (" + year.off().stream().mapToLong(h -> h.from().datesUntil(h.to().plusDays(1)).count()).sum()
				+ " days off), " + year.worked().size() + " make-up working days";
	}

	/** The calendar file: years of holidays and make-up working days, and the notices they come from. */
	record CalendarFile(String source, List<CalendarYear> years) {

		CalendarFile {
			years = years == null ? List.of() : years;
		}

	}

	/** The calendar as read at {@code version} of the stored years. */
	private record Snapshot(String version, WorkingTime time) {
	}

}
