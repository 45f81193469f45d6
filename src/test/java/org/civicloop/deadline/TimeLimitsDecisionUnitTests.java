package org.civicloop.deadline;

import java.util.List;
import java.util.Map;

import org.civicloop.DecisionTable;
import org.civicloop.matter.Categories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code time-limits}: each rule, urgency before category, and every catalogue category covered. */
class TimeLimitsDecisionUnitTests {

	static final DecisionTable table = new DecisionTable("time-limits.dmn", "time-limits");

	@ParameterizedTest(name = "{0}, {1} → sign for in {2} h, handle in {3} d")
	@CsvSource(delimiter = '|', textBlock = """
			garbage              | critical | 1 | 1
			illegal-construction | urgent   | 2 | 2
			road-damage          | normal   | 4 | 5
			street-light         | normal   | 4 | 3
			garbage              | normal   | 4 | 2
			noise                | normal   | 4 | 3
			illegal-construction | normal   | 8 | 15
			water-supply         | normal   | 2 | 2
			drainage             | normal   | 4 | 3
			heating              | normal   | 2 | 2
			property-management  | normal   | 8 | 10
			wage-arrears         | normal   | 8 | 15
			food-safety          | normal   | 4 | 5
			pollution            | normal   | 4 | 7
			elderly-help         | normal   | 4 | 5
			consumer-complaint   | normal   | 8 | 7
			""")
	void givesTheLimitsOfEachRule(String category, String urgency, int signForHours, int handleDays) {
		assertThat(limits(category, urgency)).containsOnly(Map.entry("signForHours", signForHours),
				Map.entry("handleDays", handleDays));
	}

	@Test
	void everyCategoryHasLimitsAtEveryUrgency() {
		for (var category : new Categories().all()) {
			for (String urgency : List.of("normal", "urgent", "critical")) {
				Map<String, Object> limits = limits(category.code(), urgency);
				assertThat((Integer) limits.get("signForHours")).as(category.code()).isPositive();
				assertThat((Integer) limits.get("handleDays")).as(category.code()).isPositive();
			}
		}
	}

	@Test
	void urgencyNeverLoosensTheNormalLimit() {
		for (var category : new Categories().all()) {
			var normal = limits(category.code(), "normal");
			for (String urgency : List.of("urgent", "critical")) {
				var tighter = limits(category.code(), urgency);
				assertThat((Integer) tighter.get("signForHours")).isLessThanOrEqualTo((Integer) normal.get("signForHours"));
				assertThat((Integer) tighter.get("handleDays")).isLessThanOrEqualTo((Integer) normal.get("handleDays"));
			}
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

	static Map<String, Object> limits(String category, String urgency) {
		var rows = table.evaluate(Map.of("category", category, "urgency", urgency));
		assertThat(rows).as("%s %s", category, urgency).hasSize(1);
		return rows.get(0);
	}

}
