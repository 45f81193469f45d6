package org.civicloop.matter.engine;

import java.io.File;
import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.variable.Variables;
import org.civicloop.matter.model.MatterHandling;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What callers may set on a matter, and where the engine's completions carry what they set. */
class MatterVariablesUnitTests {

	@Test
	void theApplicationKeepsTheMattersIdentityBindingsAndCountersNotThePeoplesInputs() {
		assertThat(MatterVariables.OWNED).contains("matterId", "trackingNo", "signedBy", "coDepartments", "unitName", "town",
				"handleDue", "signForDue", "reworkCount", "maxRework", "routeMatterVersion", "timeLimitsTenant", "registeredBy");
		assertThat(MatterVariables.OWNED).doesNotContainAnyElementsOf(MatterHandling.START_INPUTS);
		MatterHandling.STAGE_INPUTS.values().forEach(inputs -> assertThat(MatterVariables.OWNED).doesNotContainAnyElementsOf(inputs));
	}

	@Test
	void eachCountyFormAsksExactlyTheInputsOfItsStage() throws IOException {
		var json = new ObjectMapper();
		var formOfStage = Map.of("sign-for", "sign-for", "redispatch", "redispatch", "handle", "handle", "co-handle", "co-handle",
				"review", "review", "return-visit", "return-visit");
		formOfStage.forEach((stage, form) -> {
			try {
				var fields = TaskForms.fields(json.readTree(new File("forms/" + form + ".form")));
				assertThat(fields.keySet()).as(form).isEqualTo(MatterHandling.STAGE_INPUTS.get(stage));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		var start = TaskForms.fields(json.readTree(new File("forms/matter-registration.form")));
		assertThat(start.keySet()).isEqualTo(MatterHandling.START_INPUTS);
	}

	@Test
	void aNumberFieldTakesOnlyANumberWithinItsBounds() throws IOException {
		var days = TaskForms.fields(new ObjectMapper().readTree(new File("forms/approve-extension.form"))).get("extensionDays");

		assertThat(days.problem(3)).isNull();
		assertThat(days.problem("30")).isNull();
		assertThat(days.problem(31)).isEqualTo("may be at most 30");
		assertThat(days.problem(0)).isEqualTo("must be at least 1");
		assertThat(days.problem(2.5)).isEqualTo("must be a whole number");
		assertThat(days.problem("three")).isEqualTo("must be a number");
		assertThat(days.problem(null)).isEqualTo("is required");
	}

	@Test
	void aUnitsOwnStepTakesTheFieldsOfItsFormButNoneTheApplicationKeepsOrAnotherStageDecides() {
		assertThat(TaskCompletions.inputsOf("other", java.util.Set.of("verificationNote", "matterId", "satisfaction", "category",
				"reporterPhone"))).containsExactly("verificationNote");
		assertThat(TaskCompletions.inputsOf("review", java.util.Set.of())).isEqualTo(MatterHandling.STAGE_INPUTS.get("review"));
	}

	@Test
	void theEnginesCompletionCommandsCarryTheirVariablesWhereTaskCompletionsReadsThem() {
		assertThat(TaskCompletions.input(new CompleteTaskCmd("task", Map.of("signForDecision", "sign"))))
			.containsEntry("signForDecision", "sign");
		assertThat(TaskCompletions.input(new SubmitTaskFormCmd("task", Variables.putValue("reviewDecision", "accept"), false, false)))
			.containsEntry("reviewDecision", "accept");
	}

}
