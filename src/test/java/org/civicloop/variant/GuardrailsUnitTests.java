package org.civicloop.variant;

import java.util.List;
import java.util.Set;

import org.civicloop.matter.Categories;
import org.civicloop.organization.Directory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicloop.variant.Models.*;

/**
 * Each guardrail with a model that passes it and one that breaks it, without Spring: the county's own
 * models pass every rule, shared and as a variant; each malicious model breaks the rule its name gives.
 */
class GuardrailsUnitTests {

	private static final Directory DIRECTORY = Directory.read(new ClassPathResource("organization/demo-directory.yaml"));

	private final Guardrails guardrails = guardrails();

	private static Guardrails guardrails() {
		var beans = new DefaultListableBeanFactory();
		beans.registerSingleton("matterProcess", new Object());
		Guardrails.CountyTables county = () -> DecisionRules.read(timeLimits().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		beans.registerSingleton("countyTables", county);
		var properties = new VariantProperties(Set.of("registerMatterDelegate", "applyRoutingDelegate", "scheduleSignForDelegate",
				"scheduleHandlingDelegate", "recordDeadlineAlertDelegate", "startReworkDelegate", "closeMatterDelegate", "extendHandlingDelegate", "recordSupervisionDelegate"),
				DataSize.ofMegabytes(2), 5000, java.time.Duration.ofHours(1), 20);
		return new Guardrails(properties, DIRECTORY, new Categories(), beans, beans.getBeanProvider(Guardrails.CountyTables.class));
	}

	@Test
	void theCountyModelsPassEveryRuleSharedAndAsAVillageVariant() {
		var county = files(PROCESS, process(), TIME_LIMITS, timeLimits(), ROUTING, routing());
		county.putAll(forms());

		assertThat(guardrails.check(county, null)).isEmpty();
		assertThat(guardrails.check(county, "shangtang")).isEmpty();
		assertThat(guardrails.check(county, "qingshi")).isEmpty();
	}

	@Test
	void anOnSiteVerificationStepAndATighterLimitPass() {
		var variant = files(PROCESS, withOnSiteVerification(process(), "unit-shangtang"), TIME_LIMITS,
				withRoadDamageSignFor(timeLimits(), 2));
		variant.putAll(forms());

		assertThat(guardrails.check(variant, "shangtang")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("org.civicloop.variant.MaliciousModels#all")
	void everyMaliciousModelBreaksItsRule(MaliciousModels.Case malicious) {
		var violations = guardrails.check(malicious.files(), "shangtang");

		if (malicious.rule() == null) {
			assertThat(violations).extracting(Violation::rule).contains("size");
		}
		else {
			assertThat(violations).extracting(Violation::rule).contains(malicious.rule());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sharedCases")
	void theRulesForEveryDeploymentHoldForTheCountysSharedOnesToo(MaliciousModels.Case malicious) {
		assertThat(guardrails.check(malicious.files(), null)).extracting(Violation::rule).contains(malicious.rule());
	}

	static List<MaliciousModels.Case> sharedCases() {
		return MaliciousModels.all().stream().filter(MaliciousModels.Case::shared).toList();
	}

	@Test
	void aSharedDeploymentGetsTheNoCodeRulesButNotTheVariantRules() {
		String noReturnVisit = replace(process(), "<camunda:property name=\"civicloop.stage\" value=\"return-visit\" />", "");
		String classCall = replace(process(), "camunda:delegateExpression=\"${closeMatterDelegate}\"", "camunda:class=\"x.Y\"");

		assertThat(guardrails.check(withForms(noReturnVisit), null)).isEmpty();
		assertThat(guardrails.check(withForms(classCall), null)).extracting(Violation::rule).containsExactly("java-class");
	}

	@Test
	void aLoosenedLimitNamesTheRuleTheCountyValueAndTheMatter() {
		var violations = guardrails.check(files(TIME_LIMITS, withRoadDamageSignFor(timeLimits(), 48)), "shangtang");

		assertThat(violations).hasSize(1);
		assertThat(violations.get(0).rule()).isEqualTo("time-limit");
		assertThat(violations.get(0).element()).isEqualTo("rule_limit03");
		assertThat(violations.get(0).message()).contains("signFor 时限 48 WORKING_HOURS 比县级上限 4 WORKING_HOURS 更宽松", "road-damage");
	}

	@Test
	void aUnitsLimitIsComparedInTheCountysMeasure() {
		String natural = replace(timeLimits(), "<outputEntry id=\"rule_limit03_out2\"><text>&quot;WORKING_HOURS&quot;</text></outputEntry>",
				"<outputEntry id=\"rule_limit03_out2\"><text>&quot;NATURAL_HOURS&quot;</text></outputEntry>");
		String inDays = replace(timeLimits(), "<outputEntry id=\"rule_limit03_out2\"><text>&quot;WORKING_HOURS&quot;</text></outputEntry>",
				"<outputEntry id=\"rule_limit03_out2\"><text>&quot;WORKING_DAYS&quot;</text></outputEntry>");
		String unknown = replace(timeLimits(), "<outputEntry id=\"rule_limit03_out4\"><text>&quot;WORKING_DAYS&quot;</text></outputEntry>",
				"<outputEntry id=\"rule_limit03_out4\"><text>&quot;WEEKS&quot;</text></outputEntry>");

		assertThat(guardrails.check(files(TIME_LIMITS, natural), "shangtang")).as("4 natural hours hold at most 4 office hours").isEmpty();
		var days = guardrails.check(files(TIME_LIMITS, withRoadDamageSignFor(inDays, 1)), "shangtang");
		assertThat(days).extracting(Violation::message).singleElement().asString()
			.contains("signFor 时限 1 WORKING_DAYS 比县级上限 4 WORKING_HOURS 更宽松", "（请按县级的计量单位“小时”填写）");
		assertThat(guardrails.check(files(TIME_LIMITS, unknown), "shangtang")).extracting(Violation::message).singleElement().asString()
			.contains("handleLimit 必须是正整数，handleUnit 必须是 [", "WORKING_DAYS] 之一", "表中给出的是 5 WEEKS");
	}

	@Test
	void aParallelBranchThatSkipsHandlingIsRefusedWhileTheCountyForkPasses() {
		String skipHandling = replace(process(), "<bpmn:sequenceFlow id=\"flow_handled\" sourceRef=\"task_handle\" targetRef=\"gateway_joinHandling\">",
				"<bpmn:sequenceFlow id=\"flow_handled\" sourceRef=\"gateway_forkHandling\" targetRef=\"gateway_joinHandling\">");

		assertThat(guardrails.check(withForms(skipHandling), "shangtang")).extracting(Violation::rule).contains("stage-order");
	}

	@Test
	void expressionsMayCompareVariablesButNotCallOrReach() {
		assertThat(Expressions.problemIn("${satisfaction != 'unsatisfied' || reworkCount >= maxRework}")).isEmpty();
		assertThat(Expressions.problemIn("${a == 1 && !(b lt 2.5) and empty c}")).isEmpty();
		assertThat(Expressions.problemIn("${x.y}")).isPresent();
		assertThat(Expressions.problemIn("${x[0]}")).isPresent();
		assertThat(Expressions.problemIn("${f(1)}")).isPresent();
		assertThat(Expressions.problemIn("${fn:call(1)}")).isPresent();
		assertThat(Expressions.problemIn("${x = 1}")).isPresent();
		assertThat(Expressions.problemIn("${'a}b'.length()}")).isPresent();
		assertThat(Expressions.problemIn("#{unclosed")).isPresent();
		assertThat(Expressions.beanName("${closeMatterDelegate}")).contains("closeMatterDelegate");
		assertThat(Expressions.beanName("${a.b}")).isEmpty();
	}

	private static java.util.Map<String, byte[]> withForms(String process) {
		var files = files(PROCESS, process);
		files.putAll(forms());
		return files;
	}

	static List<MaliciousModels.Case> cases() {
		return MaliciousModels.all();
	}

}
