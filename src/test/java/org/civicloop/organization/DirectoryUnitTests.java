package org.civicloop.organization;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryUnitTests {

	private final Directory directory = Directory.read(new ClassPathResource("organization/demo-directory.yaml"));

	@Test
	void theDemoCountyHasTwoTownsOfTwoVillagesEach() {
		assertThat(directory.units()).hasSize(7);
		assertThat(directory.county().towns()).hasSize(2).allSatisfy(town -> assertThat(town.villages()).hasSizeGreaterThanOrEqualTo(2));
		assertThat(directory.unit("shangtang")).hasValueSatisfying(unit -> {
			assertThat(unit.level()).isEqualTo(Unit.Level.VILLAGE);
			assertThat(unit.townId()).isEqualTo("qingshi");
			assertThat(unit.parentId()).isEqualTo("qingshi");
		});
		assertThat(directory.unit("qinghe").orElseThrow().townId()).isNull();
	}

	@Test
	void everyGroupBelongsToItsUnitAndEveryCadreToKnownGroups() {
		assertThat(directory.offices()).containsEntry(new Directory.Office("office-liuwan", "柳湾街道综合治理办公室"), "liuwan");
		assertThat(directory.offices().values()).containsOnly("qinghe", "qingshi", "liuwan", "shangtang", "xiatang",
				"hebin", "xinqiao");
		assertThat(directory.officeName("dept-water")).isEqualTo("县水利局");
		List<String> roles = directory.cadres().stream().flatMap(cadre -> cadre.groups().stream()).distinct().toList();
		assertThat(roles).contains("camunda-admin", "designers", "leaders", "dispatch-centre", "dept-housing",
				"office-qingshi", "unit-shangtang");
	}

	@Test
	void townsSuperviseTheirVillagesAndTheCountysSupervisionOfficeTheRest() {
		assertThat(directory.supervisorOf("unit-shangtang")).isEqualTo("office-qingshi");
		assertThat(directory.supervisorOf("unit-hebin")).isEqualTo("office-liuwan");
		assertThat(directory.supervisorOf("office-qingshi")).isEqualTo("supervision-office");
		assertThat(directory.supervisorOf("dept-transport")).isEqualTo("supervision-office");
		assertThat(directory.head("supervision-office")).hasValue("supervisor");
	}

	@Test
	void refusesACadreInAnUnknownGroupAndDuplicateIds() {
		String base = """
				county: { id: c, name: C, grids: [], dispatchCentre: { id: dc, name: DC }, departments: [], towns: [] }
				roles: []
				cadres:
				""";
		assertThatThrownBy(() -> read(base + "  - { id: a, name: A, email: a@x, groups: [nowhere] }"))
			.hasMessageContaining("unknown group nowhere");
		assertThatThrownBy(() -> read(base + "  - { id: a, name: A, email: a@x, groups: [dc] }\n  - { id: a, name: B, email: b@x, groups: [dc] }"))
			.hasMessageContaining("cadre a twice");
	}

	private static Directory read(String yaml) {
		return Directory.read(new ByteArrayResource(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

}
