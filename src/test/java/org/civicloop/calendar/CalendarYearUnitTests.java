package org.civicloop.calendar;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a year of holidays must be before it is stored, and how limits compare across units. */
class CalendarYearUnitTests {

	@Test
	void theShippedYearsAreSound() throws Exception {
		var years = WorkingTimeUnitTests.shipped();
		assertThat(years).extracting(CalendarYear::year).containsExactly(2025, 2026);
		years.forEach(year -> assertThat(year.problems()).as(String.valueOf(year.year())).isEmpty());
		var y2026 = years.get(1);
		assertThat(y2026.exceptions()).containsEntry(LocalDate.parse("2026-02-15"), false).containsEntry(LocalDate.parse("2026-02-28"), true)
			.containsEntry(LocalDate.parse("2026-10-07"), false).containsEntry(LocalDate.parse("2026-09-20"), true);
		assertThat(y2026.exceptions().values().stream().filter(off -> !off)).hasSize(3 + 9 + 3 + 5 + 3 + 3 + 7);
	}

	@Test
	void namesEveryMistake() {
		var year = new CalendarYear(2027, List.of(
				new CalendarYear.Holiday("春节", LocalDate.parse("2027-02-10"), LocalDate.parse("2027-02-05")),
				new CalendarYear.Holiday("", LocalDate.parse("2027-05-01"), LocalDate.parse("2027-05-03")),
				new CalendarYear.Holiday("元旦", LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-01")),
				new CalendarYear.Holiday("清明节", LocalDate.parse("2027-04-05"), null)),
				List.of(new CalendarYear.WorkedDay("调休", LocalDate.parse("2027-02-08")),
						new CalendarYear.WorkedDay("调休", LocalDate.parse("2027-05-02"))));
		assertThat(year.problems()).containsOnlyKeys("off[0]", "off[1].name", "off[2]", "off[3]", "worked[0]", "worked[1]");
		assertThat(year.problems().get("off[2]")).contains("2026-12-31 is not in 2027");
		assertThat(year.problems().get("worked[0]")).contains("weekday");
		assertThat(year.problems().get("worked[1]")).contains("already given by off[1]");
	}

	@Test
	void aYearOutsideTheCenturyIsRefused() {
		assertThat(new CalendarYear(1999, List.of(), List.of()).problems()).containsOnlyKeys("year");
		assertThat(new CalendarYear(2027, null, null).problems()).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1} not looser than {2} {3}: {4}")
	@CsvSource(delimiter = '|', textBlock = """
			3 | WORKING_DAYS  | 5 | WORKING_DAYS  | true
			5 | WORKING_DAYS  | 5 | WORKING_DAYS  | true
			6 | WORKING_DAYS  | 5 | WORKING_DAYS  | false
			5 | NATURAL_DAYS  | 5 | WORKING_DAYS  | true
			6 | NATURAL_DAYS  | 5 | WORKING_DAYS  | false
			2 | WORKING_DAYS  | 5 | NATURAL_DAYS  | false
			2 | NATURAL_HOURS | 4 | WORKING_HOURS | true
			4 | WORKING_HOURS | 2 | NATURAL_HOURS | false
			1 | WORKING_DAYS  | 8 | WORKING_HOURS | false
			4 | WORKING_HOURS | 1 | WORKING_DAYS  | false
			1 | NATURAL_HOURS | 1 | NATURAL_DAYS  | false
			""")
	void comparesLimitsInTheSameMeasure(int amount, LimitUnit unit, int ceilingAmount, LimitUnit ceilingUnit, boolean notLooser) {
		assertThat(new TimeLimit(amount, unit).notLooserThan(new TimeLimit(ceilingAmount, ceilingUnit))).isEqualTo(notLooser);
	}

	@Test
	void readsALimitAsADecisionGivesIt() {
		assertThat(TimeLimit.of(5, "WORKING_DAYS")).isEqualTo(new TimeLimit(5, LimitUnit.WORKING_DAYS));
		assertThat(TimeLimit.of(5L, "NATURAL_HOURS")).isEqualTo(new TimeLimit(5, LimitUnit.NATURAL_HOURS));
		assertThat(TimeLimit.of(2.5, "WORKING_DAYS")).isNull();
		assertThat(TimeLimit.of(0, "WORKING_DAYS")).isNull();
		assertThat(TimeLimit.of(5, "working_days")).isNull();
		assertThat(TimeLimit.of("5", "WORKING_DAYS")).isNull();
		assertThat(TimeLimit.of(5, null)).isNull();
	}

}
