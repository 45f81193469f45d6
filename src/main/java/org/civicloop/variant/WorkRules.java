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
					violations.add(new Violation("stage-performer", resource, id, "阶段 " + Stages.label(stage.get()) + " 的办理人须与县级模型一致："
							+ (wanted == null ? "不设 camunda:" + attribute : "camunda:" + attribute + "=\"" + wanted + "\"")
							+ (value == null ? "" : "，而不是“" + value + "”")));
				}
			}
			return;
		}
		if (Xml.attribute(task, "candidateUsers") != null) {
			violations.add(new Violation("performer", resource, id, "环节应交给候选组（camunda:candidateGroups）办理，而不是指定的个人"));
		}
		String assignee = Xml.attribute(task, "assignee");
		if (assignee != null && !assignee.strip().equals("${signedBy}")) {
			violations.add(new Violation("performer", resource, id, "环节只能指派给签收该诉求的干部（${signedBy}）"));
		}
		String candidates = Xml.attribute(task, "candidateGroups");
		if (candidates == null) {
			violations.add(new Violation("performer", resource, id, "环节需要设置 camunda:candidateGroups，写明由谁办理"));
			return;
		}
		for (String group : candidates.split(",")) {
			String name = group.strip();
			if (!GROUP_VARIABLES.contains(name) && !groups.contains(name)) {
				violations.add(new Violation("performer", resource, id, "“" + name + "”不能办理本单位的环节：环节只能交给 "
						+ GROUP_VARIABLES + "，或交给以下之一：" + groups));
			}
		}
	}

	private void stageTask(Element element) {
		String id = element.getAttribute("id");
		for (Element extensions : Xml.children(element, Xml.BPMN, "extensionElements")) {
			for (Element extension : Xml.children(extensions)) {
				if (!(Xml.CAMUNDA.equals(extension.getNamespaceURI()) && extension.getLocalName().equals("properties"))) {
					violations.add(new Violation("stage-task", resource, id, "阶段环节不能带有 " + extension.getLocalName()
							+ "：它做什么由县级模型决定"));
				}
			}
		}
		if (!Xml.children(element, Xml.BPMN, "multiInstanceLoopCharacteristics").isEmpty()) {
			violations.add(new Violation("stage-task", resource, id, "阶段环节由其办理人办理一次，不能设置多实例"));
		}
	}

	/** Input/output mappings write variables inside the engine's steps: only the alerts' two fixed inputs have them. */
	private void mappings(Element element) {
		boolean alert = element.getLocalName().equals("serviceTask")
				&& Expressions.beanName(Xml.attribute(element, "delegateExpression")).filter("recordDeadlineAlertDelegate"::equals).isPresent();
		for (Element extensions : Xml.children(element, Xml.BPMN, "extensionElements")) {
			if (!alert && !Xml.children(extensions, Xml.CAMUNDA, "inputOutput").isEmpty()) {
				violations.add(new Violation("mapping", resource, element.getAttribute("id"), "本单位变体中不允许使用输入/输出映射"
						+ "（只有记录预警或催办的环节用它写明 alertKind 和 alertStage）"));
			}
		}
	}

	private void multiInstance(Element element, Element loop) {
		boolean coHandling = "${coDepartments}".equals(Xml.attribute(loop, "collection"))
				&& "coDepartment".equals(Xml.attribute(loop, "elementVariable")) && Xml.children(loop).isEmpty();
		if (!coHandling) {
			violations.add(new Violation("multi-instance", resource, element.getAttribute("id"), "本单位变体只能像县级的协办环节那样"
					+ "重复一个环节：camunda:collection=\"${coDepartments}\" camunda:elementVariable=\"coDepartment\""));
		}
	}

	private void start(Element start) {
		String id = start.getAttribute("id");
		if (!"registeredBy".equals(Xml.attribute(start, "initiator"))) {
			violations.add(new Violation("before-registration", resource, id,
					"开始事件必须写明诉求由谁登记：camunda:initiator=\"registeredBy\""));
		}
		for (Element child : Xml.children(start)) {
			if (Xml.BPMN.equals(child.getNamespaceURI()) && !Set.of("outgoing", "documentation").contains(child.getLocalName())) {
				violations.add(new Violation("before-registration", resource, id, "诉求必须从普通开始事件开始（不能带 "
						+ child.getLocalName() + "）：第一步必须是登记"));
			}
		}
		List<Element> flows = flowsFrom(id);
		boolean straight = flows.size() == 1 && Optional.ofNullable(byId.get(flows.get(0).getAttribute("targetRef")))
			.flatMap(Stages::stageOf).filter("register"::equals).isPresent();
		if (!straight) {
			violations.add(new Violation("before-registration", resource, id,
					"开始事件必须直接连到登记（${registerMatterDelegate}），登记之前不能运行任何环节"));
		}
	}

	private void delegatePlace(Element task) {
		String id = task.getAttribute("id");
		String bean = Expressions.beanName(Xml.attribute(task, "delegateExpression")).orElse("");
		if (bean.equals("closeMatterDelegate")) {
			boolean toEnds = flowsFrom(id).stream().map(flow -> byId.get(flow.getAttribute("targetRef")))
				.allMatch(target -> target != null && target.getLocalName().equals("endEvent")); // terminating: closure ends what is still open
			if (!toEnds || flowsFrom(id).isEmpty()) {
				violations.add(new Violation("delegate-place", resource, id, "办结归档是最后一个环节：其后只能连到结束事件"));
			}
		}
		else if (bean.equals("recordDeadlineAlertDelegate") && !firesWhereItsTimerDoes(task)) {
			violations.add(new Violation("delegate-place", resource, id, "预警或催办只能紧接在它所报告的签收或办理环节的"
					+ "非中断定时器之后记录，并用 alertKind 和 alertStage 写明是哪个定时器"));
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
