package org.civicloop.matter.engine;

import java.nio.charset.StandardCharsets;

import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start form lists the demo directory's units in its order — the county, then each town followed by its
 * villages, labelled "town / village" — and an installation whose directory differs is told which units the
 * form misses or has too many.
 */
class StartFormUnitsUnitTests {

	private static final String DIRECTORY = "organization/demo-directory.yaml";

	@Test
	void theFormListsTheDemoDirectorysUnitsTownByTown() throws Exception {
		var directory = Directory.read(new ClassPathResource(DIRECTORY));
		var units = new StartFormUnits(directory);

		assertThat(units.missing()).isEmpty();
		assertThat(units.unknown()).isEmpty();
		assertThat(units.health().getDetails()).doesNotContainKey("warning");
		var form = new com.fasterxml.jackson.databind.ObjectMapper().readTree(new ClassPathResource(StartFormUnits.FORM).getInputStream());
		assertThat(StartFormUnits.unitsOffered(form)).containsExactlyElementsOf(directory.units().stream().map(Unit::id).toList());
	}

	@Test
	void anInstallationWithOtherUnitsIsToldWhichTheFormMissesAndWhichItHasTooMany() throws Exception {
		String demo = new String(new ClassPathResource(DIRECTORY).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String other = demo.replace("xinqiao", "dongguan").replace("新桥社区", "东关社区");
		assertThat(other).isNotEqualTo(demo);

		var units = new StartFormUnits(Directory.read(new ByteArrayResource(other.getBytes(StandardCharsets.UTF_8))));

		assertThat(units.missing()).containsExactly("dongguan");
		assertThat(units.unknown()).containsExactly("xinqiao");
		assertThat(units.health().getDetails().get("warning").toString()).contains(StartFormUnits.FORM);
	}

}
