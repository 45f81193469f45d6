package org.civicloop.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civicloop.DecisionTable;
import org.civicloop.matter.Categories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code route-matter}: one case per rule, then the whole catalogue against every unit level and zone. */
class RouteMatterDecisionUnitTests {

	static final DecisionTable table = new DecisionTable("route-matter.dmn", "route-matter");

	@ParameterizedTest(name = "{0} at {1} in grid {2} → lead {3}, co {4}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			road-damage          | county  | QH-URB-01 | dept-urban         | none
			road-damage          | village | QS-ST-01  | dept-transport     | none
			street-light         | town    | none      | dept-urban         | none
			garbage              | village | QS-ST-01  | office-qingshi     | dept-urban
			garbage              | town    | none      | dept-urban         | none
			noise                | town    | none      | dept-ecology       | none
			noise                | county  | QH-URB-02 | dept-ecology       | dept-urban
			illegal-construction | village | QS-XT-01  | office-qingshi     | dept-housing
			illegal-construction | county  | QH-URB-01 | dept-urban         | dept-housing
			water-supply         | town    | none      | dept-water         | none
			drainage             | county  | QH-URB-03 | dept-urban         | none
			drainage             | village | QS-ST-02  | dept-water         | none
			heating              | county  | none      | dept-housing       | none
			property-management  | county  | QH-URB-01 | dept-housing       | none
			property-management  | town    | none      | dept-housing       | office-qingshi
			wage-arrears         | town    | none      | dept-hrss          | none
			food-safety          | village | QS-ST-01  | dept-market        | none
			pollution            | county  | none      | dept-ecology       | none
			pollution            | village | QS-XT-01  | dept-ecology       | office-qingshi
			elderly-help         | county  | none      | dept-civil-affairs | none
			elderly-help         | village | QS-ST-01  | dept-civil-affairs | office-qingshi
			consumer-complaint   | county  | QH-URB-02 | dept-market        | none
			""")
	void routesEachCaseToItsDepartments(String category, String level, String grid, String lead, String co) {
		Routing routing = Routing.of(route(category, level, "qingshi", grid));

		assertThat(routing.lead()).isEqualTo(lead);
		assertThat(routing.co()).isEqualTo(co == null ? List.of() : List.of(co));
	}

	@Test
	void everyCategoryHasExactlyOneLeadAtEveryLevelAndZone() {
		for (var category : new Categories().all()) {
			for (String level : List.of("county", "town", "village")) {
				for (String grid : new String[] { "QH-URB-01", "QS-ST-01", null }) {
					String town = level.equals("county") ? null : "qingshi";
					var rows = route(category.code(), level, town, grid);
					long leads = rows.stream().filter(row -> "lead".equals(row.get("role"))).count();
					assertThat(leads).as("leads for %s at %s in %s", category.code(), level, grid).isEqualTo(1);
					assertThat(rows).allSatisfy(row -> assertThat((String) row.get("department")).isNotNull());
				}
			}
		}
	}

	@Test
	void aMatterOfAnotherTownGoesToThatTownsOffice() {
		assertThat(Routing.of(route("garbage", "village", "liuwan", "LW-HB-01")).lead()).isEqualTo("office-liuwan");
	}

	@Test
	void anUnknownCategoryHasNoLeadAndIsNotGuessed() {
		assertThat(route("teleportation", "town", "qingshi", null)).isEmpty();
	}

	@Test
	void routingRefusesNoLeadOrTwoLeads() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Routing.of(List.of()))
			.isInstanceOf(IllegalStateException.class);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Routing.of(List.of(
				Map.of("department", "a", "role", "lead"), Map.of("department", "b", "role", "lead"))))
			.hasMessageContaining("exactly one lead");
	}

	@AfterAll
	static void everyRuleWasExercised() {
		assertThat(table.unmatchedRules()).as("rules of route-matter no test case matched").isEmpty();
		assertThat(table.ruleIds()).hasSize(25);
	}

	static List<Map<String, Object>> route(String category, String level, String town, String grid) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("category", category);
		variables.put("unitLevel", level);
		variables.put("town", town);
		variables.put("gridCode", grid);
		return table.evaluate(variables);
	}

	static Set<String> departments(List<Map<String, Object>> rows) {
		return Set.copyOf(rows.stream().map(row -> (String) row.get("department")).toList());
	}

}
