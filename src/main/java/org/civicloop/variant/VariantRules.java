package org.civicloop.variant;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civicloop.matter.model.MatterHandling;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a unit's variant of {@code matter-handling} must keep beyond the no-code rules: only the
 * elements of plain flows, the required stages in order, the warning timers, the bindings through
 * which CivicLoop hands it the unit's tables, and its forms.
 */
final class VariantRules {

	static final String PROCESS_KEY = MatterHandling.PROCESS_KEY;

	static final Set<String> DECISION_KEYS = Set.copyOf(MatterHandling.Decisions.ALL);

	private static final Set<String> BPMN_ELEMENTS = Set.of("definitions", "process", "collaboration", "participant",
			"laneSet", "lane", "childLaneSet", "flowNodeRef", "startEvent", "endEvent", "intermediateCatchEvent",
			"intermediateThrowEvent", "boundaryEvent", "userTask", "serviceTask", "businessRuleTask", "manualTask", "task",
			"receiveTask", "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "sequenceFlow",
			"conditionExpression", "incoming", "outgoing", "documentation", "extensionElements", "timerEventDefinition",
			"timeDate", "timeDuration", "timeCycle", "messageEventDefinition", "terminateEventDefinition", "message",
			"multiInstanceLoopCharacteristics", "loopCardinality", "completionCondition", "textAnnotation", "text",
			"association", "group", "category", "categoryValue");

	private static final Set<String> CAMUNDA_ELEMENTS = Set.of("properties", "property", "inputOutput", "inputParameter",
			"outputParameter", "list", "value", "map", "entry");

	private static final Set<String> DIAGRAM_NAMESPACES = Set.of("http://www.omg.org/spec/BPMN/20100524/DI",
			"http://www.omg.org/spec/DD/20100524/DC", "http://www.omg.org/spec/DD/20100524/DI");

	/** The warning timer each timed stage keeps, by the variable its time comes from. */
	private static final Map<String, String> WARNINGS = Map.of(MatterHandling.Stages.SIGN_FOR, MatterHandling.Vars.SIGN_FOR_WARN_AT,
			MatterHandling.Stages.HANDLE, MatterHandling.Vars.HANDLE_WARN_AT);

	/** The variables through which CivicLoop hands a matter the version and tenant of each table. */
	static final Map<String, String[]> BINDINGS = Map.of(
			MatterHandling.Decisions.ROUTE_MATTER, new String[] { MatterHandling.Vars.ROUTE_MATTER_VERSION, MatterHandling.Vars.ROUTE_MATTER_TENANT },
			MatterHandling.Decisions.TIME_LIMITS, new String[] { MatterHandling.Vars.TIME_LIMITS_VERSION, MatterHandling.Vars.TIME_LIMITS_TENANT });

	private VariantRules() {
	}

	/**
	 * @param groups the groups the unit's own steps may be given to
	 */
	static void check(String resource, Document document, Set<String> formsInDeployment, Set<String> groups,
			List<Violation> violations) {
		Element root = document.getDocumentElement();
		Xml.walk(root, element -> checkElement(resource, element, violations));
		for (Element process : Xml.children(root, Xml.BPMN, "process")) {
			if (!PROCESS_KEY.equals(process.getAttribute("id"))) {
				violations.add(new Violation("definition", resource, process.getAttribute("id"),
						"本单位变体只能定义流程 " + PROCESS_KEY));
				continue;
			}
			Xml.walk(process, element -> {
				checkBinding(resource, element, violations);
				checkForm(resource, element, formsInDeployment, violations);
				checkWarning(resource, process, element, violations);
			});
			violations.addAll(Stages.check(resource, process));
			WorkRules.check(resource, process, groups, violations);
		}
	}

	private static void checkElement(String resource, Element element, List<Violation> violations) {
		String ns = element.getNamespaceURI();
		boolean allowed = (Xml.BPMN.equals(ns) && BPMN_ELEMENTS.contains(element.getLocalName()))
				|| (Xml.CAMUNDA.equals(ns) && CAMUNDA_ELEMENTS.contains(element.getLocalName()))
				|| DIAGRAM_NAMESPACES.contains(ns);
		if (!allowed) {
			violations.add(new Violation("element", resource, element.getAttribute("id").isEmpty() ? null : element.getAttribute("id"),
					"<" + element.getLocalName() + "> 不在本单位变体可使用的元素之列"
							+ "（仅限任务、网关、事件和顺序流；不能使用子流程、调用活动或链接事件）"));
		}
	}

	private static void checkBinding(String resource, Element element, List<Violation> violations) {
		if (!element.getLocalName().equals("businessRuleTask")) {
			return;
		}
		String id = element.getAttribute("id");
		String decision = Xml.attribute(element, "decisionRef");
		String[] variables = decision == null ? null : BINDINGS.get(decision);
		if (variables == null) {
			violations.add(new Violation("decision-binding", resource, id, "业务规则任务只能执行决策表 "
					+ DECISION_KEYS + "，不能执行 " + decision));
			return;
		}
		boolean bound = "version".equals(Xml.attribute(element, "decisionRefBinding"))
				&& ("${" + variables[0] + "}").equals(Xml.attribute(element, "decisionRefVersion"))
				&& ("${" + variables[1] + "}").equals(Xml.attribute(element, "decisionRefTenantId"));
		if (!bound) {
			violations.add(new Violation("decision-binding", resource, id, "决策表 " + decision
					+ " 必须按县级模型的方式绑定：decisionRefBinding=\"version\" decisionRefVersion=\"${"
					+ variables[0] + "}\" decisionRefTenantId=\"${" + variables[1] + "}\"，由 CivicLoop 选用本单位的决策表"));
		}
	}

	private static void checkForm(String resource, Element element, Set<String> forms, List<Violation> violations) {
		if (Xml.attribute(element, "formKey") != null) {
			violations.add(new Violation("form", resource, element.getAttribute("id"),
					"变体中不支持 camunda:formKey；请用 camunda:formRef 引用 Camunda Form 表单"));
		}
		String form = Xml.attribute(element, "formRef");
		if (form == null) {
			return;
		}
		if (!"deployment".equals(Xml.attribute(element, "formRefBinding"))) {
			violations.add(new Violation("form", resource, element.getAttribute("id"),
					"camunda:formRefBinding 必须为 \"deployment\"，这样变体的任务才会使用随它一起部署的表单"));
		}
		else if (!forms.contains(form)) {
			violations.add(new Violation("form", resource, element.getAttribute("id"), "表单 " + form
					+ " 不在本次部署中；请把它与模型一起部署"));
		}
	}

	private static void checkWarning(String resource, Element process, Element element, List<Violation> violations) {
		var stage = Stages.stageOf(element);
		if (stage.isEmpty() || !WARNINGS.containsKey(stage.get())) {
			return;
		}
		String variable = "${" + WARNINGS.get(stage.get()) + "}";
		String id = element.getAttribute("id");
		boolean kept = Xml.children(process, Xml.BPMN, "boundaryEvent").stream()
			.filter(boundary -> id.equals(boundary.getAttribute("attachedToRef")))
			.filter(boundary -> "false".equals(boundary.getAttribute("cancelActivity")))
			.flatMap(boundary -> Xml.children(boundary, Xml.BPMN, "timerEventDefinition").stream())
			.flatMap(timer -> Xml.children(timer, Xml.BPMN, "timeDate").stream())
			.anyMatch(time -> variable.equals(time.getTextContent().strip()));
		if (!kept) {
			violations.add(new Violation("warning-timer", resource, id, "阶段 " + Stages.label(stage.get())
					+ " 必须保留其非中断预警定时器，时间为 " + variable));
		}
	}

}
