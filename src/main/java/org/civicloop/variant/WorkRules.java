package org.civicloop.variant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Roles;
import org.w3c.dom.Element;

/**
 * Who does the work in a unit's variant, and where each step of the application may stand. Keeping the
 * stages in order is not enough: a variant must not skip the people who do them, give them to someone
 * else, or run the application's steps where they would forge the record.
 *
 * <ul>
 * <li>{@code stage-performer}: the stage tasks go to whom the county model gives them — sign-for and
 * handling to the lead department (handling to the cadre who signed), co-handling to each co-handling
 * department, re-dispatch, review and return visit to the dispatch centre;
 * <li>{@code performer}: a unit's own steps go to the departments and dispatch centre of the county or the
 * offices and committees of the unit's own chain, never to a role group or a named person;
 * <li>{@code stage-task}: no multi-instance, listeners or input/output mappings on a stage;
 * <li>{@code multi-instance}: only the county's co-handling, one instance per co-handling department;
 * <li>{@code before-registration}: a matter starts at a plain start event that leads straight to registration;
 * <li>{@code delegate-place}: the matter is closed only at the end, a warning or urge is recorded only where
 * its timer fires;
 * <li>{@code mapping}: no input/output mappings but the alerts' own two inputs.
 * </ul>
 */
final class WorkRules {

	/** The performers of each stage task, as the county model has them; an attribute not named must be absent. */
	private static final Map<String, Map<String, String>> STAGE_PERFORMERS = Map.of(
			MatterHandling.Stages.SIGN_FOR, Map.of("candidateGroups", "${leadDepartment}"),
			MatterHandling.Stages.HANDLE, Map.of("assignee", "${signedBy}", "candidateGroups", "${leadDepartment}"),
			MatterHandling.Stages.REVIEW, Map.of("candidateGroups", Roles.DISPATCH_CENTRE),
			MatterHandling.Stages.RETURN_VISIT, Map.of("candidateGroups", Roles.DISPATCH_CENTRE),
			MatterHandling.Stages.REDISPATCH, Map.of("candidateGroups", Roles.DISPATCH_CENTRE),
			MatterHandling.Stages.CO_HANDLE, Map.of("candidateGroups", "${coDepartment}"),
			MatterHandling.Stages.EXTENSION, Map.of("candidateGroups", Roles.DISPATCH_CENTRE),
			MatterHandling.Stages.SUPERVISION, Map.of("candidateGroups", "${supervisor}"));

	private static final List<String> PERFORMER_ATTRIBUTES = List.of("assignee", "candidateGroups", "candidateUsers");

	/** The variables a unit's own steps may be given through: the departments the routing chose. */
	private static final Set<String> GROUP_VARIABLES = Set.of("${leadDepartment}", "${coDepartment}");

	/** What the recorded alert says, by the variable its timer fires at. */
	private static final Map<String, String[]> ALERTS = Map.of("${signForWarnAt}", new String[] { "warning", MatterHandling.Stages.SIGN_FOR },
			"${signForDue}", new String[] { "urge", MatterHandling.Stages.SIGN_FOR }, "${handleWarnAt}", new String[] { "warning", MatterHandling.Stages.HANDLE },
			"${handleDue}", new String[] { "urge", MatterHandling.Stages.HANDLE });

	private final String resource;

	private final Element process;

	private final List<Violation> violations;

	private final Map<String, Element> byId = new HashMap<>();

	private WorkRules(String resource, Element process, List<Violation> violations) {
		this.resource = resource;
		this.process = process;
		this.violations = violations;
		for (Element child : Xml.children(process)) {
			if (child.hasAttribute("id")) {
				byId.put(child.getAttribute("id"), child);
			}
		}
	}

	/**
	 * @param groups the groups the unit's own steps may be given to
	 */
	static void check(String resource, Element process, Set<String> groups, List<Violation> violations) {
		var rules = new WorkRules(resource, process, violations);
		for (Element element : Xml.children(process)) {
			switch (element.getLocalName()) {
				case "userTask" -> rules.performers(element, groups);
				case "startEvent" -> rules.start(element);
				case "serviceTask" -> rules.delegatePlace(element);
				default -> {
				}
			}
			if (Stages.stageOf(element).isPresent()) {
				rules.stageTask(element);
			}
			else {
				rules.mappings(element);
			}
			Xml.children(element, Xml.BPMN, "multiInstanceLoopCharacteristics").forEach(loop -> rules.multiInstance(element, loop));
		}
	}

	private void performers(Element task, Set<String> groups) {
		String id = task.getAttribute("id");
		Optional<String> stage = Stages.stageProperty(task).filter(STAGE_PERFORMERS::containsKey);
		if (stage.isPresent()) {
			var expected = STAGE_PERFORMERS.get(stage.get());
			for (String attribute : PERFORMER_ATTRIBUTES) {
				String value = Xml.attribute(task, attribute);
				String wanted = expected.get(attribute);
				if (!java.util.Objects.equals(value == null ? null : value.strip(), wanted)) {
					violations.add(new Violation("stage-performer", resource, id, stage.get() + " is done by whom the county model says: "
							+ (wanted == null ? "no camunda:" + attribute : "camunda:" + attribute + "=\"" + wanted + "\"")
							+ (value == null ? "" : ", not \"" + value + "\"")));
				}
			}
			return;
		}
		if (Xml.attribute(task, "candidateUsers") != null) {
			violations.add(new Violation("performer", resource, id, "a step goes to a group (camunda:candidateGroups), not to named people"));
		}
		String assignee = Xml.attribute(task, "assignee");
		if (assignee != null && !assignee.strip().equals("${signedBy}")) {
			violations.add(new Violation("performer", resource, id, "a step may be assigned only to the cadre who signed for the matter (${signedBy})"));
		}
		String candidates = Xml.attribute(task, "candidateGroups");
		if (candidates == null) {
			violations.add(new Violation("performer", resource, id, "a step needs camunda:candidateGroups: who does it"));
			return;
		}
		for (String group : candidates.split(",")) {
			String name = group.strip();
			if (!GROUP_VARIABLES.contains(name) && !groups.contains(name)) {
				violations.add(new Violation("performer", resource, id, "\"" + name + "\" may not do a step of this unit: steps go to "
						+ GROUP_VARIABLES + " or to one of " + groups));
			}
		}
	}

	private void stageTask(Element element) {
		String id = element.getAttribute("id");
		for (Element extensions : Xml.children(element, Xml.BPMN, "extensionElements")) {
			for (Element extension : Xml.children(extensions)) {
				if (!(Xml.CAMUNDA.equals(extension.getNamespaceURI()) && extension.getLocalName().equals("properties"))) {
					violations.add(new Violation("stage-task", resource, id, "a stage carries no " + extension.getLocalName()
							+ ": what it does is what the county model gives it"));
				}
			}
		}
		if (!Xml.children(element, Xml.BPMN, "multiInstanceLoopCharacteristics").isEmpty()) {
			violations.add(new Violation("stage-task", resource, id, "a stage is done once, by its performer: no multi-instance"));
		}
	}

	/** Input/output mappings write variables inside the engine's steps: only the alerts' two fixed inputs have them. */
	private void mappings(Element element) {
		boolean alert = element.getLocalName().equals("serviceTask")
				&& Expressions.beanName(Xml.attribute(element, "delegateExpression")).filter("recordDeadlineAlertDelegate"::equals).isPresent();
		for (Element extensions : Xml.children(element, Xml.BPMN, "extensionElements")) {
			if (!alert && !Xml.children(extensions, Xml.CAMUNDA, "inputOutput").isEmpty()) {
				violations.add(new Violation("mapping", resource, element.getAttribute("id"), "input/output mappings are not allowed in "
						+ "a unit's variant (only a recorded warning or urge names its alertKind and alertStage)"));
			}
		}
	}

	private void multiInstance(Element element, Element loop) {
		boolean coHandling = "${coDepartments}".equals(Xml.attribute(loop, "collection"))
				&& "coDepartment".equals(Xml.attribute(loop, "elementVariable")) && Xml.children(loop).isEmpty();
		if (!coHandling) {
			violations.add(new Violation("multi-instance", resource, element.getAttribute("id"), "a unit's variant repeats a step only"
					+ " as the county's co-handling does: camunda:collection=\"${coDepartments}\" camunda:elementVariable=\"coDepartment\""));
		}
	}

	private void start(Element start) {
		String id = start.getAttribute("id");
		if (!"registeredBy".equals(Xml.attribute(start, "initiator"))) {
			violations.add(new Violation("before-registration", resource, id,
					"the start event names who registers the matter: camunda:initiator=\"registeredBy\""));
		}
		for (Element child : Xml.children(start)) {
			if (Xml.BPMN.equals(child.getNamespaceURI()) && !Set.of("outgoing", "documentation").contains(child.getLocalName())) {
				violations.add(new Violation("before-registration", resource, id, "a matter starts at a plain start event (no "
						+ child.getLocalName() + "): registration comes first"));
			}
		}
		List<Element> flows = flowsFrom(id);
		boolean straight = flows.size() == 1 && Optional.ofNullable(byId.get(flows.get(0).getAttribute("targetRef")))
			.flatMap(Stages::stageOf).filter("register"::equals).isPresent();
		if (!straight) {
			violations.add(new Violation("before-registration", resource, id,
					"the start event must lead straight to registration (${registerMatterDelegate}); nothing runs before it"));
		}
	}

	private void delegatePlace(Element task) {
		String id = task.getAttribute("id");
		String bean = Expressions.beanName(Xml.attribute(task, "delegateExpression")).orElse("");
		if (bean.equals("closeMatterDelegate")) {
			boolean toEnds = flowsFrom(id).stream().map(flow -> byId.get(flow.getAttribute("targetRef")))
				.allMatch(target -> target != null && target.getLocalName().equals("endEvent")); // terminating: closure ends what is still open
			if (!toEnds || flowsFrom(id).isEmpty()) {
				violations.add(new Violation("delegate-place", resource, id, "closing the matter is the last step: it leads only to an end event"));
			}
		}
		else if (bean.equals("recordDeadlineAlertDelegate") && !firesWhereItsTimerDoes(task)) {
			violations.add(new Violation("delegate-place", resource, id, "a warning or urge is recorded only right after the "
					+ "non-interrupting timer of sign-for or handling that it reports, with alertKind and alertStage naming that timer"));
		}
	}

	/** An alert is recorded straight after its timer, and says which timer it was. */
	private boolean firesWhereItsTimerDoes(Element task) {
		List<Element> incoming = flowsTo(task.getAttribute("id"));
		if (incoming.size() != 1) {
			return false;
		}
		Element timer = byId.get(incoming.get(0).getAttribute("sourceRef"));
		if (timer == null || !timer.getLocalName().equals("boundaryEvent") || !"false".equals(timer.getAttribute("cancelActivity"))) {
			return false;
		}
		String time = Xml.children(timer, Xml.BPMN, "timerEventDefinition").stream()
			.flatMap(definition -> Xml.children(definition, Xml.BPMN, "timeDate").stream())
			.map(date -> date.getTextContent().strip()).findFirst().orElse("");
		String[] alert = ALERTS.get(time);
		Element attached = byId.get(timer.getAttribute("attachedToRef"));
		if (alert == null || attached == null || !Stages.stageOf(attached).equals(Optional.of(alert[1]))) {
			return false;
		}
		var inputs = inputs(task);
		return inputs.size() == 2 && alert[0].equals(inputs.get("alertKind")) && alert[1].equals(inputs.get("alertStage"));
	}

	private static Map<String, String> inputs(Element task) {
		var inputs = new HashMap<String, String>();
		for (Element extensions : Xml.children(task, Xml.BPMN, "extensionElements")) {
			for (Element io : Xml.children(extensions, Xml.CAMUNDA, "inputOutput")) {
				for (Element parameter : Xml.children(io)) {
					String key = parameter.getLocalName().equals("inputParameter") ? parameter.getAttribute("name") : "output:" + parameter.getAttribute("name");
					inputs.put(key, parameter.getTextContent().strip());
				}
			}
		}
		return inputs;
	}

	private List<Element> flowsFrom(String id) {
		return Xml.children(process, Xml.BPMN, "sequenceFlow").stream().filter(flow -> id.equals(flow.getAttribute("sourceRef"))).toList();
	}

	private List<Element> flowsTo(String id) {
		return Xml.children(process, Xml.BPMN, "sequenceFlow").stream().filter(flow -> id.equals(flow.getAttribute("targetRef"))).toList();
	}

}
