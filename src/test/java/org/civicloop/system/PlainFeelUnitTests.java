package org.civicloop.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain-cell FEEL engine answers every cell of the county's tables exactly as Camunda's FEEL engine does,
 * for every value the tables name and for values they do not, and answers the plain ones without it.
 */
class PlainFeelUnitTests {

	private static final FeelEngine CAMUNDA = new ScalaFeelEngineFactory(List.of()).createInstance();

	private static final PlainFeel PLAIN = new PlainFeel(CAMUNDA);

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	/** Answers nothing: a cell that reaches it was not answered by the plain path. */
	private static final FeelEngine NONE = new FeelEngine() {

		@Override
		public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
			throw new AssertionError("handed to Camunda's engine: " + expression);
		}

		@Override
		public boolean evaluateSimpleUnaryTests(String expression, String input, VariableContext context) {
			throw new AssertionError("handed to Camunda's engine: " + expression);
		}

	};

	record Cells(List<String[]> tests, Set<String> expressions, Set<String> strings) {
	}

	@Test
	void everyInputCellOfTheCountysTablesIsAnsweredAsCamundasEngineAnswersIt() throws IOException {
		var cells = countyCells();
		var values = new ArrayList<Object>(cells.strings());
		values.addAll(java.util.Arrays.asList("", "没有这个值", " road-damage", "ROAD-DAMAGE", 5, 2.5, true, null));
		int compared = 0;
		for (String[] test : cells.tests()) {
			for (Object value : values) {
				VariableContext context = Variables.createVariables().putValue(test[1], value).putValue("town", "qingshi").asVariableContext();
				assertThat(PLAIN.evaluateSimpleUnaryTests(test[0], test[1], context))
					.as("%s with %s = %s", test[0], test[1], value)
					.isEqualTo(CAMUNDA.evaluateSimpleUnaryTests(test[0], test[1], context));
				compared++;
			}
		}
		assertThat(compared).isGreaterThan(1000);
	}

	@Test
	void everyExpressionOfTheCountysTablesIsAnsweredAsCamundasEngineAnswersIt() throws IOException {
		var cells = countyCells();
		for (String expression : cells.expressions()) {
			for (Object value : java.util.Arrays.asList("qingshi", "road-damage", "", 7, null)) {
				var variables = Variables.createVariables();
				for (String name : List.of("category", "urgency", "matterType", "channel", "unit", "town", "unitLevel", "gridCode")) {
					variables.putValue(name, value);
				}
				VariableContext context = variables.asVariableContext();
				assertThat((Object) PLAIN.evaluateSimpleExpression(expression, context)).as("%s with %s", expression, value)
					.isEqualTo(CAMUNDA.evaluateSimpleExpression(expression, context));
			}
		}
		assertThat(cells.expressions()).contains("category", "\"lead\"", "\"office-\" + town", "4");
	}

	@Test
	void aVariableMissingFromTheContextIsLeftToCamundasEngine() {
		VariableContext empty = Variables.createVariables().asVariableContext();
		assertThat((Object) PLAIN.evaluateSimpleExpression("category", empty)).isEqualTo(CAMUNDA.evaluateSimpleExpression("category", empty));
	}

	@Test
	void plainCellsAreAnsweredWithoutCamundasEngine() {
		var plain = new PlainFeel(NONE);
		VariableContext context = Variables.createVariables().putValue("cellInput", "village").putValue("category", "noise")
			.asVariableContext();

		assertThat(plain.evaluateSimpleUnaryTests("\"village\"", "cellInput", context)).isTrue();
		assertThat(plain.evaluateSimpleUnaryTests(" \"town\" , \"village\" ", "cellInput", context)).isTrue();
		assertThat(plain.evaluateSimpleUnaryTests("\"town\",\"county\"", "cellInput", context)).isFalse();
		assertThat(plain.evaluateSimpleUnaryTests("not(\"village\")", "cellInput", context)).isFalse();
		assertThat(plain.evaluateSimpleUnaryTests("not( \"county\" )", "cellInput", context)).isTrue();
		assertThat((Object) plain.evaluateSimpleExpression("\"dept-urban\"", context)).isEqualTo("dept-urban");
		assertThat((Object) plain.evaluateSimpleExpression("\"城管局\"", context)).isEqualTo("城管局");
		assertThat((Object) plain.evaluateSimpleExpression(" category ", context)).isEqualTo("noise");
		assertThat((Object) plain.evaluateSimpleExpression("4", context)).isEqualTo(4L);
		assertThat((Object) plain.evaluateSimpleExpression(" 15 ", context)).isEqualTo(15L);
	}

	@Test
	void everythingElseGoesToCamundasEngine() {
		for (String unaryTest : List.of("[1..5]", "\"a\\\"b\"", "\"a\" or \"b\"", "starts with(?, \"a\")", "-", "null", "cellInput")) {
			assertThat(PlainFeel.unaryTests(unaryTest)).as(unaryTest).isInstanceOf(PlainFeel.Other.class);
		}
		for (String expression : List.of("-4", "04", "4.5", "1e3", "1000000000000000000", "\"office-\" + town", "true", "null", "\"a\",\"b\"", "a.b", "\"a\\nb\"", "not")) {
			assertThat(PlainFeel.expression(expression)).as(expression).isInstanceOf(PlainFeel.Other.class);
		}
		VariableContext numbers = Variables.createVariables().putValue("cellInput", 5).putValue("days", 3).asVariableContext();
		var plain = new PlainFeel(NONE);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.evaluateSimpleUnaryTests("\"5\"", "cellInput", numbers))
			.hasMessageContaining("handed to Camunda's engine");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.evaluateSimpleExpression("days", numbers))
			.hasMessageContaining("handed to Camunda's engine");
	}

	/** Input cells with their column's input variable, input expressions and output cells, and every string named. */
	private static Cells countyCells() throws IOException {
		var tests = new ArrayList<String[]>();
		var expressions = new LinkedHashSet<String>();
		var strings = new LinkedHashSet<String>();
		try (var files = Files.list(Path.of("processes"))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".dmn")).sorted().toList()) {
				var model = Dmn.readModelFromFile(file.toFile());
				for (Rule rule : model.getModelElementsByType(Rule.class)) {
					var inputs = new ArrayList<>(((org.camunda.bpm.model.dmn.instance.DecisionTable) rule.getParentElement()).getInputs());
					var entries = new ArrayList<>(rule.getInputEntries());
					for (int i = 0; i < entries.size(); i++) {
						InputEntry entry = entries.get(i);
						Input input = inputs.get(i);
						String variable = input.getCamundaInputVariable() == null ? "cellInput" : input.getCamundaInputVariable();
						if (!entry.getTextContent().isBlank() && !entry.getTextContent().strip().equals("-")) {
							tests.add(new String[] { entry.getTextContent(), variable });
						}
					}
					for (OutputEntry entry : rule.getOutputEntries()) {
						if (!entry.getTextContent().isBlank()) {
							expressions.add(entry.getTextContent());
						}
					}
				}
				model.getModelElementsByType(Input.class).forEach(input -> expressions.add(input.getInputExpression().getTextContent()));
			}
		}
		for (String[] test : tests) {
			var quoted = QUOTED.matcher(test[0]);
			while (quoted.find()) {
				strings.add(quoted.group(1));
			}
		}
		return new Cells(tests, expressions, strings);
	}

}
