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
						"a unit's variant may define only the process " + PROCESS_KEY));
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
					"<" + element.getLocalName() + "> is not among the elements a unit's variant may use"
							+ " (tasks, gateways, events, sequence flows; no sub-processes, call activities or links)"));
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
			violations.add(new Violation("decision-binding", resource, id, "a business rule task may only evaluate "
					+ DECISION_KEYS + ", not " + decision));
			return;
		}
		boolean bound = "version".equals(Xml.attribute(element, "decisionRefBinding"))
				&& ("${" + variables[0] + "}").equals(Xml.attribute(element, "decisionRefVersion"))
				&& ("${" + variables[1] + "}").equals(Xml.attribute(element, "decisionRefTenantId"));
		if (!bound) {
			violations.add(new Violation("decision-binding", resource, id, decision
					+ " must be bound as in the county model: decisionRefBinding=\"version\", decisionRefVersion=\"${"
					+ variables[0] + "}\", decisionRefTenantId=\"${" + variables[1] + "}\" — CivicLoop picks the unit's table"));
		}
	}

	private static void checkForm(String resource, Element element, Set<String> forms, List<Violation> violations) {
		if (Xml.attribute(element, "formKey") != null) {
			violations.add(new Violation("form", resource, element.getAttribute("id"),
					"camunda:formKey is not supported in a variant; use camunda:formRef with a Camunda Form"));
		}
		String form = Xml.attribute(element, "formRef");
		if (form == null) {
			return;
		}
		if (!"deployment".equals(Xml.attribute(element, "formRefBinding"))) {
			violations.add(new Violation("form", resource, element.getAttribute("id"),
					"camunda:formRefBinding must be \"deployment\", so the variant's tasks use the forms deployed with it"));
		}
		else if (!forms.contains(form)) {
			violations.add(new Violation("form", resource, element.getAttribute("id"), "the form " + form
					+ " is not in this deployment; deploy it with the model"));
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
			violations.add(new Violation("warning-timer", resource, id, stage.get()
					+ " must keep its non-interrupting warning timer at " + variable));
		}
	}

}
