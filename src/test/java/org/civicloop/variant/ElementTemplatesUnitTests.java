package org.civicloop.variant;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DefaultValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The element templates designers use in Camunda Modeler ({@code .camunda/element-templates/}): valid against
 * Camunda's element-templates schema, one for every allow-listed delegate and nothing else, and one for every
 * stage task of the county's model that sets exactly what that task has — so an element made from a template
 * passes the guardrails as the county's own does.
 */
class ElementTemplatesUnitTests {

	private static final Path TEMPLATES = Path.of(".camunda/element-templates/civicloop.json");

	private final JsonNode templates;

	ElementTemplatesUnitTests() throws Exception {
		templates = new ObjectMapper().readTree(TEMPLATES.toFile());
	}

	@Test
	void theTemplatesMeetCamundasSchema() throws Exception {
		boolean ready = new File("node_modules/@camunda/element-templates-json-schema").isDirectory();
		if (!ready && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must validate the element templates: run npm ci");
		}
		Assumptions.assumeTrue(ready, "Schema check skipped: needs npm ci");
		Process check = new ProcessBuilder("node", ".camunda/validate-element-templates.js").redirectErrorStream(true).start();
		String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0).as(output).isTrue();
		assertThat(output).contains("civicloop.json: " + templates.size() + " templates valid");
	}

	@Test
	void everyAllowListedDelegateHasItsTemplateAndNoOtherBeanHasOne() throws Exception {
		var allowed = new TreeSet<>(List.of(VariantProperties.class.getDeclaredConstructors()[0].getParameters()[0].getAnnotation(DefaultValue.class).value()));
		var templated = new TreeSet<String>();
		for (JsonNode template : templates) {
			if (template.path("appliesTo").get(0).asText().equals("bpmn:ServiceTask")) {
				String expression = template.path("properties").get(0).path("value").asText();
				assertThat(expression).matches("\\$\\{[A-Za-z]+\\}");
				templated.add(expression.substring(2, expression.length() - 1));
			}
		}
		assertThat(templated).isEqualTo(allowed);
	}

	@Test
	void everyStageTaskOfTheCountyModelHasATemplateSettingExactlyWhatTheTaskHas() throws Exception {
		var model = Bpmn.readModelFromFile(new File("processes/matter-handling.bpmn"));
		Map<String, Map<String, String>> expected = new TreeMap<>();
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			var settings = new TreeMap<String, String>();
			put(settings, "camunda:candidateGroups", task.getCamundaCandidateGroups());
			put(settings, "camunda:assignee", task.getCamundaAssignee());
			put(settings, "camunda:formRef", task.getCamundaFormRef());
			put(settings, "camunda:formRefBinding", task.getCamundaFormRefBinding());
			put(settings, "camunda:dueDate", task.getCamundaDueDate());
			for (CamundaProperty property : task.getExtensionElements().getElementsQuery().filterByType(
					org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).singleResult().getCamundaProperties()) {
				settings.put("property:" + property.getCamundaName(), property.getCamundaValue());
			}
			expected.put("org.civicloop.stage." + task.getId().substring("task_".length()), settings);
		}
		Map<String, Map<String, String>> templated = new TreeMap<>();
		for (JsonNode template : templates) {
			if (template.path("appliesTo").get(0).asText().equals("bpmn:UserTask")) {
				var settings = new TreeMap<String, String>();
				for (JsonNode property : template.path("properties")) {
					JsonNode binding = property.path("binding");
					String key = binding.path("type").asText().equals("camunda:property") ? "property:" + binding.path("name").asText()
							: binding.path("name").asText();
					settings.put(key, property.path("value").asText());
				}
				templated.put(template.path("id").asText(), settings);
			}
		}
		assertThat(templated).isEqualTo(expected);
	}

	@Test
	void idsAreUniqueAndEveryTemplateIsNamedInChinese() {
		Set<String> ids = new java.util.HashSet<>();
		for (JsonNode template : templates) {
			assertThat(ids.add(template.path("id").asText())).as(template.path("id").asText()).isTrue();
			assertThat(template.path("name").asText()).matches(".*\\p{IsHan}.*");
			assertThat(template.path("description").asText()).matches(".*\\p{IsHan}.*");
		}
	}

	private static void put(Map<String, String> settings, String name, String value) {
		if (value != null) {
			settings.put(name, value);
		}
	}

}
