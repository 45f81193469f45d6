package org.civicloop.matter.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateTask;

import org.springframework.stereotype.Component;

/**
 * The input fields of each task's Camunda Form, read from the deployment the task runs on: what a cadre
 * may enter when completing it and what each entry must look like. Tasklist checks a form in the browser;
 * this checks it again where no browser can be skipped.
 */
@Component
class TaskForms {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Map<String, Field>> byTask = new ConcurrentHashMap<>();

	/**
	 * One input field: required unless shown only on a condition, one of {@code values} when the form lists
	 * them, at most {@code maxLength} characters when it says so; a number field takes a number within its
	 * {@code min} and {@code max}, a whole one when it allows no decimal digits.
	 */
	record Field(String key, boolean required, Set<String> values, Integer minLength, Integer maxLength, Bounds number) {

		/** What is wrong with a value entered in this field, or {@code null}. */
		String problem(Object value) {
			String text = value == null ? "" : value.toString();
			if (text.isBlank()) {
				return required ? "is required" : null;
			}
			if (number != null) {
				return number.problem(text);
			}
			if (!values.isEmpty() && !values.contains(text)) {
				return "must be one of " + values;
			}
			if (maxLength != null && text.length() > maxLength) {
				return "may have at most " + maxLength + " characters";
			}
			if (minLength != null && text.strip().length() < minLength) {
				return "needs at least " + minLength + " characters";
			}
			return null;
		}

	}

	/** The bounds of a number field; null where the form sets none. */
	record Bounds(java.math.BigDecimal min, java.math.BigDecimal max, boolean whole) {

		String problem(String text) {
			java.math.BigDecimal value;
			try {
				value = new java.math.BigDecimal(text.strip());
			}
			catch (NumberFormatException notANumber) {
				return "must be a number";
			}
			if (whole && value.stripTrailingZeros().scale() > 0) {
				return "must be a whole number";
			}
			if (min != null && value.compareTo(min) < 0) {
				return "must be at least " + min.toPlainString();
			}
			if (max != null && value.compareTo(max) > 0) {
				return "may be at most " + max.toPlainString();
			}
			return null;
		}

	}

	/** The input fields of the task's form, by key; none when the task has no form. */
	Map<String, Field> inputs(DelegateTask task) {
		return byTask.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(), key -> read(task));
	}

	private static Map<String, Field> read(DelegateTask task) {
		var element = task.getBpmnModelElementInstance();
		if (element == null || element.getCamundaFormRef() == null) {
			return Map.of(); // a task without a Camunda Form takes no input
		}
		try (InputStream form = task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId())) {
			return fields(JSON.readTree(form));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The form of task " + task.getTaskDefinitionKey() + " cannot be read", ex);
		}
	}

	static Map<String, Field> fields(JsonNode form) {
		var fields = new LinkedHashMap<String, Field>();
		List<JsonNode> components = new ArrayList<>();
		form.path("components").forEach(components::add);
		while (!components.isEmpty()) {
			JsonNode component = components.remove(0);
			component.path("components").forEach(components::add);
			String key = component.path("key").asText("");
			if (key.isEmpty() || component.path("disabled").asBoolean() || component.path("readonly").asBoolean()) {
				continue;
			}
			JsonNode validate = component.path("validate");
			var values = new java.util.LinkedHashSet<String>();
			component.path("values").forEach(value -> values.add(value.path("value").asText()));
			boolean conditional = component.has("conditional");
			Bounds number = component.path("type").asText().equals("number") ? new Bounds(decimal(validate.path("min")),
					decimal(validate.path("max")), component.path("decimalDigits").asInt(-1) == 0) : null;
			fields.put(key, new Field(key, validate.path("required").asBoolean() && !conditional, Set.copyOf(values),
					validate.has("minLength") ? validate.path("minLength").asInt() : null,
					validate.has("maxLength") ? validate.path("maxLength").asInt() : null, number));
		}
		return Map.copyOf(fields);
	}

	private static java.math.BigDecimal decimal(JsonNode bound) {
		return bound.isNumber() ? bound.decimalValue() : null;
	}

}
