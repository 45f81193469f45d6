package org.civicloop.deadline;

import java.util.List;
import java.util.Map;

import org.civicloop.DecisionTable;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.Categories;
import org.civicloop.matter.model.MatterHandling.Limits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code time-limits}: each rule, urgency before category, and every catalogue category covered. */
class TimeLimitsDecisionUnitTests {

	static final DecisionTable table = new DecisionTable("time-limits.dmn", "time-limits");

	@ParameterizedTest(name = "{0}, {1} → sign for in {2} {3}, handle in {4} {5}")
	@CsvSource(delimiter = '|', textBlock = """
			garbage              | critical | 1 | NATURAL_HOURS | 1  | NATURAL_DAYS
			illegal-construction | urgent   | 2 | NATURAL_HOURS | 2  | WORKING_DAYS
			road-damage          | normal   | 4 | WORKING_HOURS | 5  | WORKING_DAYS
			street-light         | normal   | 4 | WORKING_HOURS | 3  | WORKING_DAYS
			garbage              | normal   | 4 | WORKING_HOURS | 2  | WORKING_DAYS
			noise                | normal   | 4 | WORKING_HOURS | 3  | WORKING_DAYS
			illegal-construction | normal   | 8 | WORKING_HOURS | 15 | WORKING_DAYS
			water-supply         | normal   | 2 | WORKING_HOURS | 2  | WORKING_DAYS
			drainage             | normal   | 4 | WORKING_HOURS | 3  | WORKING_DAYS
			heating              | normal   | 2 | WORKING_HOURS | 2  | WORKING_DAYS
			property-management  | normal   | 8 | WORKING_HOURS | 10 | WORKING_DAYS
			wage-arrears         | normal   | 8 | WORKING_HOURS | 15 | WORKING_DAYS
			food-safety          | normal   | 4 | WORKING_HOURS | 5  | WORKING_DAYS
			pollution            | normal   | 4 | WORKING_HOURS | 7  | WORKING_DAYS
			elderly-help         | normal   | 4 | WORKING_HOURS | 5  | WORKING_DAYS
			consumer-complaint   | normal   | 8 | WORKING_HOURS | 7  | WORKING_DAYS
			""")
	void givesTheLimitsOfEachRule(String category, String urgency, int signFor, String signForUnit, int handle, String handleUnit) {
		assertThat(limits(category, urgency)).containsOnly(Map.entry("signForLimit", signFor), Map.entry("signForUnit", signForUnit),
				Map.entry("handleLimit", handle), Map.entry("handleUnit", handleUnit));
	}

	@Test
	void everyCategoryHasLimitsAtEveryUrgency() {
		for (var category : new Categories().all()) {
			for (String urgency : List.of("normal", "urgent", "critical")) {
				for (String stage : Limits.STAGES) {
					assertThat(limit(category.code(), urgency, stage)).as("%s %s %s", category.code(), urgency, stage).isNotNull();
				}
			}
		}
	}

	@Test
	void urgencyNeverLoosensTheNormalLimit() {
		for (var category : new Categories().all()) {
			for (String urgency : List.of("urgent", "critical")) {
				for (String stage : Limits.STAGES) {
					assertThat(limit(category.code(), urgency, stage).notLooserThan(limit(category.code(), "normal", stage)))
						.as("%s %s %s", category.code(), urgency, stage).isTrue();
				}
			}
		}
	}

	@Test
	void emergenciesRunInNaturalTimeAndEverythingElseInWorkingTime() {
		for (var category : new Categories().all()) {
			assertThat(limit(category.code(), "critical", Limits.SIGN_FOR).unit().working()).isFalse();
			assertThat(limit(category.code(), "critical", Limits.HANDLE).unit().working()).isFalse();
			assertThat(limit(category.code(), "normal", Limits.SIGN_FOR).unit()).isEqualTo(LimitUnit.WORKING_HOURS);
			assertThat(limit(category.code(), "normal", Limits.HANDLE).unit()).isEqualTo(LimitUnit.WORKING_DAYS);
		}
	}

	@Test
	void anUnknownCategoryHasNoLimit() {
		assertThat(table.evaluate(Map.of("category", "teleportation", "urgency", "normal"))).isEmpty();
	}

	@AfterAll
	static void everyRuleWasExercised() {
		assertThat(table.unmatchedRules()).as("rules of time-limits no test case matched").isEmpty();
	}

	static TimeLimit limit(String category, String urgency, String stage) {
		var row = limits(category, urgency);
		return TimeLimit.of(row.get(Limits.amount(stage)), row.get(Limits.unit(stage)));
	}

	static Map<String, Object> limits(String category, String urgency) {
		var rows = table.evaluate(Map.of("category", category, "urgency", urgency));
		assertThat(rows).as("%s %s", category, urgency).hasSize(1);
		return rows.get(0);
	}

}
