package org.civicloop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.civicloop.matter.Categories;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file in {@code processes/} and {@code forms/} against the running application: delegate beans
 * exist, no Java classes or scripts, every form referenced exists and every user task has one, the
 * required stages and their timers are there, and forms and tables name only the catalogue's categories
 * and the directory's units and departments.
 */
@CivicLoopTest
class ProcessModelIntegrationTests {

	private static final Pattern EXPRESSION_BEAN = Pattern.compile("^\\$\\{(\\w+)}$");

	private static final List<String> REQUIRED_STAGES = List.of("sign-for", "handle", "review", "return-visit");

	@Autowired
	ApplicationContext context;

	@Autowired
	Categories categories;

	@Autowired
	Directory directory;

	@Test
	void everyDelegateExpressionNamesAnExistingBeanAndNoClassIsNamed() throws IOException {
		for (Path file : files("processes", ".bpmn")) {
			String xml = Files.readString(file);
			assertThat(xml).as(file + " names a Java class").doesNotContain("camunda:class=");
			Matcher references = Pattern.compile("delegateExpression=\"([^\"]+)\"").matcher(xml);
			int found = 0;
			while (references.find()) {
				found++;
				Matcher bean = EXPRESSION_BEAN.matcher(references.group(1));
				assertThat(bean.matches()).as("%s: %s is a plain bean reference", file, references.group(1)).isTrue();
				assertThat(context.containsBean(bean.group(1))).as("%s: bean %s exists", file, bean.group(1)).isTrue();
			}
			assertThat(found).as(file + " delegate expressions").isPositive();
			BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
			assertThat(model.getModelElementsByType(ScriptTask.class)).as(file + " script tasks").isEmpty();
			assertThat(xml).as(file + " scripts").doesNotContain("camunda:script").doesNotContain("scriptFormat");
		}
	}

	@Test
	void everyStartEventAndUserTaskHasAFormThatExists() throws IOException {
		Set<String> formIds = new TreeSet<>(forms().keySet());
		for (Path file : files("processes", ".bpmn")) {
			BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
			List<FlowNode> withForms = new ArrayList<>(model.getModelElementsByType(UserTask.class));
			model.getModelElementsByType(StartEvent.class).stream()
				.filter(start -> start.getParentElement() instanceof Process).forEach(withForms::add);
			for (FlowNode node : withForms) {
				String formRef = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
				assertThat(formRef).as("%s: %s has a camunda:formRef", file, node.getId()).isNotBlank();
				assertThat(formIds).as("%s: form of %s", file, node.getId()).contains(formRef);
				assertThat(node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRefBinding"))
					.as("%s: formRefBinding of %s", file, node.getId()).isEqualTo("deployment");
			}
		}
	}

	@Test
	void theBaseProcessHasTheRequiredStagesInOrderWithTheirTimers() {
		BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/matter-handling.bpmn"));
		Map<String, UserTask> byStage = new HashMap<>();
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			stageOf(task).ifPresent(stage -> byStage.put(stage, task));
		}
		assertThat(byStage).containsKeys(REQUIRED_STAGES.toArray(String[]::new));
		assertThat(byStage.get("sign-for").getId()).isEqualTo(MatterHandling.Tasks.SIGN_FOR);
		for (var stage : java.util.List.of("sign-for", "handle")) {
			var timers = model.getModelElementsByType(BoundaryEvent.class).stream()
				.filter(event -> event.getAttachedTo() == byStage.get(stage))
				.filter(event -> !event.getChildElementsByType(TimerEventDefinition.class).isEmpty())
				.toList();
			assertThat(timers).as(stage + " timers: warning, urge, supervision").hasSize(3)
				.allSatisfy(timer -> assertThat(timer.cancelActivity()).isFalse());
			assertThat(timers).extracting(BaseElement::getId).anyMatch(id -> id.endsWith("Warning")).anyMatch(id -> id.endsWith("Urge"))
				.anyMatch(id -> id.endsWith("Supervision"));
		}
		assertThat(model.getModelElementsByType(Process.class)).allSatisfy(
				process -> assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank());
	}

	@Test
	void formsOfferExactlyTheCatalogueAndTheDirectory() throws IOException {
		Map<String, JsonNode> forms = forms();
		Set<String> categoryCodes = new TreeSet<>(categories.all().stream().map(Categories.Category::code).toList());
		assertThat(options(forms.get("matter-registration"), "category")).isEqualTo(categoryCodes);
		assertThat(options(forms.get("matter-registration"), "unit"))
			.isEqualTo(new TreeSet<>(directory.units().stream().map(unit -> unit.id()).toList()));
		Set<String> departments = options(forms.get("redispatch"), "leadDepartment");
		assertThat(departments).isNotEmpty().allSatisfy(id -> assertThat(directory.isHandlingGroup(id)).as(id).isTrue());
		assertThat(departments).contains("dept-urban", "office-liuwan").doesNotContain("dispatch-centre");
	}

	@Test
	void routingTablesNameOnlyCatalogueCategoriesAndDirectoryDepartments() {
		Set<String> categoryCodes = new TreeSet<>(categories.all().stream().map(Categories.Category::code).toList());
		for (String file : List.of("route-matter.dmn", "time-limits.dmn")) {
			var model = Dmn.readModelFromFile(new File("processes/" + file));
			Set<String> named = new TreeSet<>();
			for (InputEntry entry : model.getModelElementsByType(InputEntry.class)) {
				if (entry.getId().endsWith("_in1") && !entry.getTextContent().isBlank()) {
					named.add(entry.getTextContent().replace("\"", ""));
				}
			}
			assertThat(categoryCodes).as(file + " categories").containsAll(named);
			assertThat(named).as(file + " covers the catalogue").containsAll(
					file.equals("route-matter.dmn") ? categoryCodes : Set.of());
		}
		var routing = Dmn.readModelFromFile(new File("processes/route-matter.dmn"));
		for (OutputEntry entry : routing.getModelElementsByType(OutputEntry.class)) {
			String text = entry.getTextContent();
			if (entry.getId().endsWith("_out1") && !text.contains("town")) {
				assertThat(directory.isHandlingGroup(text.replace("\"", ""))).as(text).isTrue();
			}
		}
	}

	private static java.util.Optional<String> stageOf(UserTask task) {
		if (task.getExtensionElements() == null) {
			return java.util.Optional.empty();
		}
		return task.getExtensionElements().getElementsQuery()
			.filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
			.flatMap(properties -> properties.getCamundaProperties().stream())
			.filter(property -> MatterHandling.STAGE_PROPERTY.equals(property.getCamundaName()))
			.map(CamundaProperty::getCamundaValue).findFirst();
	}

	private static Map<String, JsonNode> forms() throws IOException {
		var mapper = new ObjectMapper();
		Map<String, JsonNode> forms = new HashMap<>();
		for (Path file : files("forms", ".form")) {
			JsonNode form = mapper.readTree(file.toFile());
			assertThat(form.path("id").asText()).as(file + " id matches its file name")
				.isEqualTo(file.getFileName().toString().replace(".form", ""));
			forms.put(form.path("id").asText(), form);
		}
		return forms;
	}

	private static Set<String> options(JsonNode form, String key) {
		for (JsonNode component : form.path("components")) {
			if (key.equals(component.path("key").asText())) {
				Set<String> values = new TreeSet<>();
				component.path("values").forEach(value -> values.add(value.path("value").asText()));
				return values;
			}
		}
		throw new AssertionError("form " + form.path("id") + " has no field " + key);
	}

	private static Collection<Path> files(String folder, String suffix) throws IOException {
		try (Stream<Path> paths = Files.list(Path.of(folder))) {
			List<Path> found = paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
			assertThat(found).as("files in " + folder).isNotEmpty();
			return found;
		}
	}

}
