package org.civicloop.variant;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Camunda Form may hold: input fields and plain text, nothing that loads or runs something in the
 * cadre's browser. Tasklist renders these forms inside its own page, with the cadre's session: an iframe,
 * HTML or an image there could run scripts, navigate the page or send field values to another site.
 */
final class FormRules {

	private static final Set<String> FORM_KEYS = Set.of("components", "type", "id", "schemaVersion", "exporter",
			"executionPlatform", "executionPlatformVersion");

	/** Component types → the properties each may have beside the common ones. */
	private static final Map<String, Set<String>> COMPONENTS = Map.ofEntries(
			Map.entry("textfield", Set.of("validate", "defaultValue", "appearance")),
			Map.entry("textarea", Set.of("validate", "defaultValue")),
			Map.entry("number", Set.of("validate", "defaultValue", "decimalDigits", "increment", "serializeToString", "appearance")),
			Map.entry("select", Set.of("validate", "defaultValue", "values", "valuesKey", "searchable")),
			Map.entry("radio", Set.of("validate", "defaultValue", "values", "valuesKey")),
			Map.entry("checkbox", Set.of("validate", "defaultValue")),
			Map.entry("checklist", Set.of("validate", "defaultValue", "values", "valuesKey")),
			Map.entry("taglist", Set.of("validate", "defaultValue", "values", "valuesKey")),
			Map.entry("datetime", Set.of("validate", "subtype", "dateLabel", "timeLabel", "use24h", "timeInterval",
					"timeSerializingFormat", "disallowPassedDates")),
			Map.entry("text", Set.of("text")),
			Map.entry("group", Set.of("components", "showOutline", "path")),
			Map.entry("spacer", Set.of("height")),
			Map.entry("separator", Set.of()));

	private static final Set<String> COMMON = Set.of("id", "type", "key", "label", "description", "readonly", "disabled",
			"layout", "conditional", "properties");

	/** Markdown images, HTML tags and addresses: a text component shows words, it loads nothing. */
	private static final Pattern LOADS_SOMETHING = Pattern.compile("!\\[|<\\s*[a-zA-Z!/]|[a-zA-Z][a-zA-Z0-9+.-]*:\\s*//|javascript\\s*:",
			Pattern.CASE_INSENSITIVE);

	private FormRules() {
	}

	static void check(String resource, JsonNode form, List<Violation> violations) {
		for (Iterator<String> keys = form.fieldNames(); keys.hasNext();) {
			String key = keys.next();
			if (!FORM_KEYS.contains(key)) {
				violations.add(new Violation("form-component", resource, null, "“" + key + "”不是 Camunda Form 表单的属性"));
			}
		}
		components(resource, form.path("components"), violations);
	}

	private static void components(String resource, JsonNode components, List<Violation> violations) {
		for (JsonNode component : components) {
			String type = component.path("type").asText("");
			String id = component.path("key").asText(component.path("id").asText(null));
			Set<String> own = COMPONENTS.get(type);
			if (own == null) {
				violations.add(new Violation("form-component", resource, id, "不允许使用类型为“" + type
						+ "”的表单组件；表单只能包含 " + new java.util.TreeSet<>(COMPONENTS.keySet())
						+ "（不能有 iframe、html、image、button 或文件上传）"));
				continue;
			}
			for (Iterator<String> properties = component.fieldNames(); properties.hasNext();) {
				String property = properties.next();
				if (!COMMON.contains(property) && !own.contains(property)) {
					violations.add(new Violation("form-component", resource, id, "“" + property
							+ "”不是此处 " + type + " 组件可以使用的属性"));
				}
			}
			if (type.equals("text") && LOADS_SOMETHING.matcher(component.path("text").asText("")).find()) {
				violations.add(new Violation("form-component", resource, id,
						"文本组件只能包含文字和 Markdown 强调格式，不能包含图片、HTML 或网址"));
			}
			if (type.equals("group")) {
				components(resource, component.path("components"), violations);
			}
		}
	}

}
