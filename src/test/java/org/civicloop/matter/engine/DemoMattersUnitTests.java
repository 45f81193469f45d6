package org.civicloop.matter.engine;

import org.civicloop.matter.Categories;
import org.civicloop.matter.NewMatter;
import org.civicloop.organization.Directory;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class DemoMattersUnitTests {

	@Test
	void everyDemoMatterIsValid() {
		var categories = new Categories();
		var directory = Directory.read(new ClassPathResource("organization/demo-directory.yaml"));
		for (NewMatter sample : DemoMatters.SAMPLES) {
			assertThat(sample.problems(categories, directory)).as(sample.description()).isEmpty();
		}
	}

}
