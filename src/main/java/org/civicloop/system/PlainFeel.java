package org.civicloop.system;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

import org.springframework.stereotype.Component;

/**
 * The FEEL engine of the decision tables, answering their plain cells itself and handing every other one to
 * Camunda's FEEL engine: a unary test that is a list of string literals ({@code "road-damage"},
 * {@code "normal","urgent"}) or its negation ({@code not("village")}) tried on a string, a string literal, a
 * whole number (a time limit's {@code 4}), and the name of a variable that holds a string. Those are nearly all
 * the cells of a routing or time-limit table, and every rule's input cells are tested for each matter; Camunda's
 * engine builds its table of built-in functions again for every cell it evaluates (most of the time a matter
 * spends in its two decisions). Anything else — other numbers, ranges, escapes, arithmetic, a value that is not a
 * string, a missing variable — goes to Camunda's engine, which answers as always.
 */
public final class PlainFeel implements FeelEngine {

	private static final Pattern STRINGS = Pattern.compile("\\s*\"[^\"\\\\]*\"(\\s*,\\s*\"[^\"\\\\]*\")*\\s*");

	private static final Pattern LITERAL = Pattern.compile("\\s*\"([^\"\\\\]*)\"\\s*");

	/** A whole number as the time-limit tables write their limits: no sign, no leading zero, at most 18 digits. */
	private static final Pattern WHOLE = Pattern.compile("\\s*(0|[1-9][0-9]{0,17})\\s*");

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	private static final Pattern NEGATED = Pattern.compile("\\s*not\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

	private static final Pattern NAME = Pattern.compile("\\s*([\\p{L}_][\\p{L}\\p{N}_]*)\\s*");

	/** Names FEEL reads as something else than a variable. */
	private static final Set<String> WORDS = Set.of("null", "true", "false", "not", "if", "then", "else", "for", "some",
			"every", "in", "return", "satisfies", "and", "or", "between", "instance", "of", "function", "external");

	/** Beyond this many distinct cells (units deploy their own tables) the remembered forms start over. */
	private static final int REMEMBERED = 20_000;

	private final FeelEngine feel;

	private final Map<String, Cell> tests = new ConcurrentHashMap<>();

	private final Map<String, Cell> expressions = new ConcurrentHashMap<>();

	public PlainFeel(FeelEngine feel) {
		this.feel = feel;
	}

	/** A DMN engine's configuration of its own (no function providers) with this FEEL engine. */
	public static DefaultDmnEngineConfiguration dmnConfiguration() {
		return configure((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration(), () -> null);
	}

	/** A DMN engine's configuration with this FEEL engine, built with the function providers given then. */
	private static DefaultDmnEngineConfiguration configure(DefaultDmnEngineConfiguration dmn,
			java.util.function.Supplier<List<org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider>> functions) {
		dmn.setFeelEngineFactory(() -> {
			var given = functions.get();
			return new PlainFeel(new ScalaFeelEngineFactory(given == null ? List.of() : given).createInstance());
		});
		return dmn;
	}

	@Override
	public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext context) {
		Cell cell = remembered(tests, expression, PlainFeel::unaryTests);
		if (cell instanceof Strings strings && valueOf(context, inputVariable) instanceof String value) {
			return strings.values().contains(value) != strings.negated();
		}
		return feel.evaluateSimpleUnaryTests(expression, inputVariable, context);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
		Cell cell = remembered(expressions, expression, PlainFeel::expression);
		if (cell instanceof Literal literal) {
			return (T) literal.value();
		}
		if (cell instanceof Name name && valueOf(context, name.name()) instanceof String value) {
			return (T) value;
		}
		return feel.evaluateSimpleExpression(expression, context);
	}

	private static Object valueOf(VariableContext context, String name) {
		TypedValue typed = context.containsVariable(name) ? context.resolve(name) : null;
		return typed == null ? null : typed.getValue();
	}

	/** What a cell is, read once. */
	sealed interface Cell {
	}

	/** One of these strings (or, negated, none of them). */
	record Strings(Set<String> values, boolean negated) implements Cell {
	}

	/** A string, or a whole number as Camunda's engine gives it ({@code Long}). */
	record Literal(Object value) implements Cell {
	}

	record Name(String name) implements Cell {
	}

	/** Anything Camunda's engine answers. */
	record Other() implements Cell {
	}

	private static final Cell OTHER = new Other();

	private static Cell remembered(Map<String, Cell> cells, String expression, java.util.function.Function<String, Cell> read) {
		if (expression == null) {
			return OTHER;
		}
		Cell cell = cells.get(expression);
		if (cell == null) {
			if (cells.size() >= REMEMBERED) {
				cells.clear();
			}
			cell = read.apply(expression);
			cells.put(expression, cell);
		}
		return cell;
	}

	static Cell unaryTests(String expression) {
		var negated = NEGATED.matcher(expression);
		boolean not = negated.matches();
		String list = not ? negated.group(1) : expression;
		if (!STRINGS.matcher(list).matches()) {
			return OTHER;
		}
		var values = new java.util.HashSet<String>();
		var literal = QUOTED.matcher(list);
		while (literal.find()) {
			values.add(literal.group(1));
		}
		return new Strings(Set.copyOf(values), not);
	}

	static Cell expression(String expression) {
		var literal = LITERAL.matcher(expression);
		if (literal.matches()) {
			return new Literal(literal.group(1));
		}
		var whole = WHOLE.matcher(expression);
		if (whole.matches()) {
			return new Literal(Long.valueOf(whole.group(1)));
		}
		var name = NAME.matcher(expression);
		if (name.matches() && !WORDS.contains(name.group(1))) {
			return new Name(name.group(1));
		}
		return OTHER;
	}

	/** Gives the engine's decision tables the plain-cell FEEL engine. */
	@Component
	static class Plugin extends AbstractProcessEnginePlugin {

		@Override
		public void preInit(ProcessEngineConfigurationImpl configuration) {
			DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null ? configuration.getDmnEngineConfiguration()
					: (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
			configuration.setDmnEngineConfiguration(configure(dmn, configuration::getDmnFeelCustomFunctionProviders));
		}

	}

}
