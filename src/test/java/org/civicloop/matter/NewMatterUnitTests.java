package org.civicloop.matter;

import org.civicloop.organization.Directory;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class NewMatterUnitTests {

	private final Categories categories = new Categories();

	private final Directory directory = Directory.read(new ClassPathResource("organization/demo-directory.yaml"));

	@Test
	void aCompleteMatterHasNoProblems() {
		var matter = new NewMatter("hotline", "complaint", "noise", "normal", "夜间施工噪声扰民", "hebin", "河滨路1号",
				"LW-HB-01", new Contact("张三", "13900001111"));

		assertThat(matter.problems(categories, directory)).isEmpty();
	}

	@Test
	void namesEveryBadFieldWithoutRepeatingPersonalData() {
		var matter = new NewMatter("fax", "rant", "teleportation", "soon", "短", "atlantis", "x".repeat(201), "grid 7",
				new Contact("", "010-1234"));

		var problems = matter.problems(categories, directory);

		assertThat(problems).containsOnlyKeys("channel", "matterType", "category", "urgency", "description", "unit",
				"address", "gridCode", "reporterName", "reporterPhone");
		assertThat(problems.values()).noneMatch(problem -> problem.contains("010-1234"));
		assertThat(new NewMatter.InvalidMatterException(problems).getMessage()).contains("category", "unit");
	}

	@Test
	void aWalkInNamesItsOperator() {
		var walkIn = new NewMatter("walk-in", "help", "elderly-help", "normal", "独居老人需要上门服务", "xinqiao", "新桥社区",
				null, new Contact("张三", "13900001111"));
		assertThat(walkIn.problems(categories, directory)).containsOnlyKeys("operator");
	}

}
