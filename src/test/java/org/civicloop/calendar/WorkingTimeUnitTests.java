package org.civicloop.calendar;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Due dates counted in the shipped calendar (2025 and 2026 from the State Council's notices) with office hours
 * 09:00–12:00 and 13:30–17:30 in Asia/Shanghai. Times in the tables are local to Shanghai.
 */
class WorkingTimeUnitTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final CalendarProperties PROPERTIES = new CalendarProperties(SHANGHAI, List.of("09:00-12:00", "13:30-17:30"), null,
			Duration.ofMinutes(1));

	private final Set<Integer> countedWithoutData = new TreeSet<>();

	private WorkingTime time;

	@BeforeEach
	void shippedCalendar() throws Exception {
		time = new WorkingTime(SHANGHAI, PROPERTIES.periods(), shipped(), countedWithoutData::add);
	}

	static List<CalendarYear> shipped() throws Exception {
		var json = new ObjectMapper().registerModule(new JavaTimeModule()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		try (InputStream in = WorkingTimeUnitTests.class.getClassLoader().getResourceAsStream(BusinessCalendar.SHIPPED)) {
			return json.readValue(in, BusinessCalendar.CalendarFile.class).years();
		}
	}

	@ParameterizedTest(name = "{0} + {1} {2} = {3}")
	@CsvSource(delimiter = '|', textBlock = """
			# office hours of an ordinary week (2026-11-23 is a Monday)
			2026-11-23T08:00 | 1 | WORKING_HOURS | 2026-11-23T10:00
			2026-11-23T09:00 | 3 | WORKING_HOURS | 2026-11-23T12:00
			2026-11-23T09:00 | 4 | WORKING_HOURS | 2026-11-23T14:30
			2026-11-23T12:30 | 1 | WORKING_HOURS | 2026-11-23T14:30
			2026-11-23T12:00 | 1 | WORKING_HOURS | 2026-11-23T14:30
			2026-11-23T17:00 | 1 | WORKING_HOURS | 2026-11-24T09:30
			2026-11-23T17:30 | 1 | WORKING_HOURS | 2026-11-24T10:00
			2026-11-23T23:59 | 1 | WORKING_HOURS | 2026-11-24T10:00
			2026-11-23T09:00 | 7 | WORKING_HOURS | 2026-11-23T17:30
			2026-11-23T09:00 | 8 | WORKING_HOURS | 2026-11-24T10:00
			2026-11-23T09:00 | 1 | WORKING_DAYS  | 2026-11-23T17:30
			2026-11-23T10:00 | 1 | WORKING_DAYS  | 2026-11-24T10:00
			2026-11-23T12:00 | 1 | WORKING_DAYS  | 2026-11-24T12:00
			2026-11-23T10:00 | 5 | WORKING_DAYS  | 2026-11-30T10:00
			2026-11-27T10:00 | 1 | WORKING_DAYS  | 2026-11-30T10:00
			2026-11-27T17:00 | 2 | WORKING_HOURS | 2026-11-30T10:30
			2026-11-28T10:00 | 1 | WORKING_DAYS  | 2026-11-30T17:30
			2026-11-28T00:00 | 4 | WORKING_HOURS | 2026-11-30T14:30
			# natural time runs at night, at weekends and through holidays
			2026-11-28T00:00 | 2 | NATURAL_HOURS | 2026-11-28T02:00
			2026-11-23T23:30 | 1 | NATURAL_HOURS | 2026-11-24T00:30
			2026-09-30T10:00 | 3 | NATURAL_DAYS  | 2026-10-03T10:00
			2026-02-14T22:00 | 1 | NATURAL_DAYS  | 2026-02-15T22:00
			# National Day 2026: 10-01 to 10-07 off, Sunday 09-20 and Saturday 10-10 worked; Mid-Autumn 09-25 to 09-27 off
			2026-09-25T10:00 | 5 | WORKING_DAYS  | 2026-10-09T17:30
			2026-09-18T16:00 | 1 | WORKING_DAYS  | 2026-09-20T16:00
			2026-09-18T16:00 | 5 | WORKING_DAYS  | 2026-09-24T16:00
			2026-09-30T10:00 | 1 | WORKING_DAYS  | 2026-10-08T10:00
			2026-09-30T10:00 | 3 | WORKING_DAYS  | 2026-10-10T10:00
			2026-09-30T10:00 | 5 | WORKING_DAYS  | 2026-10-13T10:00
			2026-09-30T16:00 | 4 | WORKING_HOURS | 2026-10-08T11:30
			2026-10-01T09:00 | 1 | WORKING_HOURS | 2026-10-08T10:00
			2026-10-09T17:00 | 1 | WORKING_HOURS | 2026-10-10T09:30
			2026-10-10T17:30 | 1 | WORKING_HOURS | 2026-10-12T10:00
			# Spring Festival 2026: 02-15 to 02-23 off, Saturdays 02-14 and 02-28 worked
			2026-02-13T10:00 | 1 | WORKING_DAYS  | 2026-02-14T10:00
			2026-02-13T10:00 | 2 | WORKING_DAYS  | 2026-02-24T10:00
			2026-02-13T10:00 | 3 | WORKING_DAYS  | 2026-02-25T10:00
			2026-02-13T16:00 | 4 | WORKING_HOURS | 2026-02-14T11:30
			2026-02-14T17:00 | 1 | WORKING_HOURS | 2026-02-24T09:30
			2026-02-27T10:00 | 1 | WORKING_DAYS  | 2026-02-28T10:00
			2026-02-27T10:00 | 2 | WORKING_DAYS  | 2026-03-02T10:00
			# Spring Festival 2025: 01-28 to 02-04 off, Sunday 01-26 and Saturday 02-08 worked
			2025-01-24T10:00 | 1 | WORKING_DAYS  | 2025-01-26T10:00
			2025-01-24T10:00 | 2 | WORKING_DAYS  | 2025-01-27T10:00
			2025-01-24T10:00 | 3 | WORKING_DAYS  | 2025-02-05T10:00
			2025-01-24T10:00 | 6 | WORKING_DAYS  | 2025-02-08T10:00
			2025-01-24T10:00 | 7 | WORKING_DAYS  | 2025-02-10T10:00
			# National Day 2025: 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11 worked
			2025-09-26T10:00 | 1 | WORKING_DAYS  | 2025-09-28T10:00
			2025-09-26T10:00 | 3 | WORKING_DAYS  | 2025-09-30T10:00
			2025-09-26T10:00 | 4 | WORKING_DAYS  | 2025-10-09T10:00
			2025-09-26T10:00 | 6 | WORKING_DAYS  | 2025-10-11T10:00
			2025-09-26T10:00 | 7 | WORKING_DAYS  | 2025-10-13T10:00
			# the year boundary: New Year 2026 is 01-01 to 01-03 off with Sunday 01-04 worked
			2025-12-31T16:00 | 4 | WORKING_HOURS | 2026-01-04T11:30
			2025-12-31T10:00 | 1 | WORKING_DAYS  | 2026-01-04T10:00
			2025-12-31T10:00 | 2 | WORKING_DAYS  | 2026-01-05T10:00
			2025-12-31T23:00 | 2 | NATURAL_HOURS | 2026-01-01T01:00
			""")
	void countsALimit(LocalDateTime from, int amount, LimitUnit unit, LocalDateTime due) {
		assertThat(local(time.after(instant(from), new TimeLimit(amount, unit), 1))).isEqualTo(due);
		assertThat(countedWithoutData).isEmpty();
	}

	@ParameterizedTest(name = "{0} + {1} {2} = {3}, counted with weekends only")
	@CsvSource(delimiter = '|', textBlock = """
			2027-01-01T10:00 | 1 | WORKING_DAYS  | 2027-01-04T10:00
			2026-12-31T16:00 | 4 | WORKING_HOURS | 2027-01-01T11:30
			2026-12-31T10:00 | 2 | WORKING_DAYS  | 2027-01-04T10:00
			""")
	void countsAYearWithoutDataWithWeekendsOnlyAndSaysSo(LocalDateTime from, int amount, LimitUnit unit, LocalDateTime due) {
		assertThat(local(time.after(instant(from), new TimeLimit(amount, unit), 1))).isEqualTo(due);
		assertThat(countedWithoutData).containsExactly(2027);
	}

	@Test
	void aYearOfNaturalTimeNeedsNoCalendar() {
		assertThat(local(time.after(instant(LocalDateTime.parse("2027-03-01T10:00")), new TimeLimit(1, LimitUnit.NATURAL_DAYS), 1)))
			.isEqualTo(LocalDateTime.parse("2027-03-02T10:00"));
		assertThat(countedWithoutData).isEmpty();
	}

	@ParameterizedTest(name = "{3} of {1} {2} from {0} = {4}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-11-23T09:00 | 4 | WORKING_HOURS | 0.75 | 2026-11-23T12:00
			2026-11-23T09:00 | 5 | WORKING_DAYS  | 0.75 | 2026-11-26T15:45
			2026-11-23T09:00 | 2 | NATURAL_HOURS | 0.75 | 2026-11-23T10:30
			2026-11-23T09:00 | 2 | NATURAL_DAYS  | 0.5  | 2026-11-24T09:00
			2026-09-30T16:00 | 2 | WORKING_DAYS  | 0.5  | 2026-10-08T16:00
			2026-11-28T10:00 | 1 | WORKING_DAYS  | 0    | 2026-11-30T09:00
			2026-11-23T10:15 | 1 | WORKING_DAYS  | 0    | 2026-11-23T10:15
			""")
	void countsAShareOfALimitInItsUnit(LocalDateTime from, int amount, LimitUnit unit, double share, LocalDateTime at) {
		assertThat(local(time.after(instant(from), new TimeLimit(amount, unit), share))).isEqualTo(at);
	}

	@Test
	void takesAnInstantInAnyOffset() {
		Instant utc = Instant.parse("2026-11-23T01:00:00Z"); // 09:00 in Shanghai
		assertThat(time.after(utc, new TimeLimit(1, LimitUnit.WORKING_HOURS), 1)).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
	}

	@Test
	void refusesAShareOutsideTheLimit() {
		assertThatThrownBy(() -> time.after(Instant.now(), new TimeLimit(1, LimitUnit.WORKING_DAYS), 1.5))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void knowsTheDaysOfTheNotices() {
		assertThat(time.workingDay(LocalDate.parse("2026-10-10"))).as("Saturday, worked").isTrue();
		assertThat(time.workingDay(LocalDate.parse("2026-10-07"))).as("Wednesday, National Day holiday").isFalse();
		assertThat(time.workingDay(LocalDate.parse("2026-10-08"))).as("Thursday, after it").isTrue();
		assertThat(time.workingDay(LocalDate.parse("2026-10-09"))).as("Friday").isTrue();
		assertThat(time.workingDay(LocalDate.parse("2026-10-11"))).as("Sunday").isFalse();
		assertThat(time.workingDay(LocalDate.parse("2026-02-23"))).as("Monday, Spring Festival").isFalse();
		assertThat(time.years()).containsExactly(2025, 2026);
	}

	@Test
	void countsThroughAYearOfHolidays() {
		var closed = new WorkingTime(SHANGHAI, PROPERTIES.periods(), List.of(allOff(2030)), countedWithoutData::add);
		assertThat(local(closed.after(instant(LocalDateTime.parse("2030-06-03T10:00")), new TimeLimit(1, LimitUnit.WORKING_DAYS), 1)))
			.isEqualTo(LocalDateTime.parse("2031-01-01T17:30"));
		assertThat(countedWithoutData).containsExactly(2031);
	}

	@Test
	void aCalendarWithoutWorkingTimeIsAMistakeNotAWait() {
		var years = new ArrayList<CalendarYear>();
		for (int year = 2030; year <= 2041; year++) {
			years.add(allOff(year));
		}
		var closed = new WorkingTime(SHANGHAI, PROPERTIES.periods(), years, countedWithoutData::add);
		assertThatThrownBy(() -> closed.after(instant(LocalDateTime.parse("2030-06-03T10:00")), new TimeLimit(1, LimitUnit.WORKING_HOURS), 1))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("no working time");
	}

	private static CalendarYear allOff(int year) {
		var off = new ArrayList<CalendarYear.Holiday>();
		for (int month = 1; month <= 12; month++) {
			LocalDate first = LocalDate.of(year, month, 1);
			off.add(new CalendarYear.Holiday("off", first, first.withDayOfMonth(first.lengthOfMonth())));
		}
		return new CalendarYear(year, off, List.of());
	}

	@Test
	void othersOfficeHoursCountTheirOwnDay() {
		var single = new CalendarProperties(SHANGHAI, List.of("08:30-16:30"), null, Duration.ofMinutes(1));
		var other = new WorkingTime(SHANGHAI, single.periods(), List.of(), year -> {
		});
		assertThat(local(other.after(instant(LocalDateTime.parse("2026-11-23T08:00")), new TimeLimit(1, LimitUnit.WORKING_DAYS), 1)))
			.isEqualTo(LocalDateTime.parse("2026-11-23T16:30"));
	}

	@Test
	void officeHoursMustBeOrderedPeriods() {
		for (var wrong : List.of(List.of("12:00-09:00"), List.of("09:00-12:00", "11:00-17:00"), List.of("nine to five"), List.<String>of())) {
			assertThatThrownBy(() -> new CalendarProperties(SHANGHAI, wrong, null, Duration.ofMinutes(1)))
				.as(wrong.toString()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("office-hours");
		}
	}

	private static Instant instant(LocalDateTime local) {
		return local.atZone(SHANGHAI).toInstant();
	}

	private static LocalDateTime local(Instant instant) {
		return instant.atZone(SHANGHAI).toLocalDateTime();
	}

}
