package org.civicloop.variant;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a deployed model may carry, element by element, with the attributes each may have: what is
 * not listed here is refused. The engine reads behaviour from attributes and extension elements in several
 * namespaces (its own, the legacy {@code activiti} alias of it, the {@code fox} one); a list of what is
 * allowed, instead of a list of what is known to be dangerous, keeps a behaviour the rules never heard of
 * out of the engine.
 *
 * <p>Attribute names are written as the engine reads them: plain ({@code id}), or with a prefix for their
 * namespace ({@code camunda:assignee}, {@code xsi:type}, {@code modeler:executionPlatform}).
 */
final class AllowList {

	static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

	static final String MODELER = "http://camunda.org/schema/modeler/1.0";

	/** Namespaces the engine reads as its own but CivicLoop refuses: the legacy aliases of Camunda's. */
	static final Map<String, String> REFUSED_NAMESPACES = Map.of(
			"http://activiti.org/bpmn", "the legacy activiti namespace, which the engine reads as camunda's; write camunda: instead",
			"http://www.camunda.com/fox", "the legacy fox namespace, which the engine still reads; write camunda: instead");

	/** Layout only: the engine reads positions from them, nothing it runs. Any element and attribute. */
	static final Set<String> LAYOUT = Set.of("http://www.omg.org/spec/BPMN/20100524/DI", "http://www.omg.org/spec/DD/20100524/DC",
			"http://www.omg.org/spec/DD/20100524/DI", "http://www.omg.org/spec/DMN/20180521/DMNDI/",
			"https://www.omg.org/spec/DMN/20191111/DMNDI/", "https://www.omg.org/spec/DMN/20211108/DMNDI/",
			"https://www.omg.org/spec/DMN/20230324/DMNDI/", "http://www.omg.org/spec/DMN/20180521/DC/",
			"http://www.omg.org/spec/DMN/20180521/DI/");

	/** Colours Camunda Modeler writes on layout elements. */
	static final Set<String> LAYOUT_ATTRIBUTES = Set.of("http://bpmn.io/schema/bpmn/biocolor/1.0",
			"http://www.omg.org/spec/BPMN/non-normative/color/1.0");

	/** The DMN model namespaces the engine reads (1.1 to 1.5, with their alternative spellings). */
	static final Set<String> DMN = Set.of("http://www.omg.org/spec/DMN/20151101/dmn.xsd",
			"http://www.omg.org/spec/DMN/20151101/dmn11.xsd", "http://www.omg.org/spec/DMN/20180521/MODEL/",
			"https://www.omg.org/spec/DMN/20191111/MODEL/", "https://www.omg.org/spec/DMN/20191111/DMN13.xsd",
			"https://www.omg.org/spec/DMN/20211108/MODEL/", "https://www.omg.org/spec/DMN/20230324/MODEL/");

	/** Namespaces that appear only as values (FEEL dialects, XML Schema types), never on elements. */
	static final Set<String> VALUES_ONLY = Set.of("http://www.omg.org/spec/FEEL/20140401",
			"http://www.omg.org/spec/DMN/20180521/FEEL/", "https://www.omg.org/spec/DMN/20191111/FEEL/",
			"https://www.omg.org/spec/DMN/20211108/FEEL/", "https://www.omg.org/spec/DMN/20230324/FEEL/",
			"http://www.w3.org/2001/XMLSchema", "http://www.w3.org/1999/XPath");

	private static final String ASYNC = "camunda:asyncBefore camunda:asyncAfter camunda:exclusive camunda:jobPriority";

	private static final String FORM = "camunda:formRef camunda:formRefBinding camunda:formRefVersion";

	/** BPMN elements → their attributes. */
	private static final Map<String, Set<String>> BPMN_ELEMENTS = table(
			"definitions", "id name targetNamespace exporter exporterVersion modeler:executionPlatform modeler:executionPlatformVersion",
			"process", "id name isExecutable camunda:historyTimeToLive camunda:versionTag camunda:isStartableInTasklist "
					+ "camunda:candidateStarterGroups camunda:candidateStarterUsers camunda:jobPriority camunda:taskPriority",
			"collaboration", "id name",
			"participant", "id name processRef",
			"messageFlow", "id name sourceRef targetRef messageRef",
			"laneSet", "id name",
			"lane", "id name",
			"childLaneSet", "id name",
			"flowNodeRef", "",
			"startEvent", "id name isInterrupting camunda:initiator " + FORM + " " + ASYNC,
			"endEvent", "id name " + ASYNC,
			"intermediateCatchEvent", "id name " + ASYNC,
			"intermediateThrowEvent", "id name " + ASYNC,
			"boundaryEvent", "id name attachedToRef cancelActivity " + ASYNC,
			"userTask", "id name camunda:assignee camunda:candidateGroups camunda:candidateUsers camunda:dueDate "
					+ "camunda:followUpDate camunda:priority " + FORM + " " + ASYNC,
			"serviceTask", "id name camunda:delegateExpression " + ASYNC,
			"sendTask", "id name camunda:delegateExpression " + ASYNC,
			"businessRuleTask", "id name camunda:decisionRef camunda:decisionRefBinding camunda:decisionRefVersion "
					+ "camunda:decisionRefVersionTag camunda:decisionRefTenantId camunda:resultVariable camunda:mapDecisionResult " + ASYNC,
			"manualTask", "id name " + ASYNC,
			"task", "id name " + ASYNC,
			"receiveTask", "id name messageRef " + ASYNC,
			"exclusiveGateway", "id name default gatewayDirection " + ASYNC,
			"parallelGateway", "id name gatewayDirection " + ASYNC,
			"inclusiveGateway", "id name default gatewayDirection " + ASYNC,
			"eventBasedGateway", "id name gatewayDirection " + ASYNC,
			"subProcess", "id name triggeredByEvent " + ASYNC,
			"callActivity", "id name calledElement camunda:calledElementBinding camunda:calledElementVersion "
					+ "camunda:calledElementVersionTag camunda:calledElementTenantId " + ASYNC,
			"sequenceFlow", "id name sourceRef targetRef",
			"conditionExpression", "id xsi:type",
			"incoming", "",
			"outgoing", "",
			"documentation", "id textFormat",
			"extensionElements", "",
			"timerEventDefinition", "id",
			"timeDate", "id xsi:type",
			"timeDuration", "id xsi:type",
			"timeCycle", "id xsi:type",
			"messageEventDefinition", "id messageRef",
			"signalEventDefinition", "id signalRef",
			"errorEventDefinition", "id errorRef camunda:errorCodeVariable camunda:errorMessageVariable",
			"escalationEventDefinition", "id escalationRef camunda:escalationCodeVariable",
			"terminateEventDefinition", "id",
			"compensateEventDefinition", "id activityRef waitForCompletion",
			"linkEventDefinition", "id name",
			"message", "id name",
			"signal", "id name",
			"error", "id name errorCode camunda:errorMessage",
			"escalation", "id name escalationCode",
			"multiInstanceLoopCharacteristics", "id isSequential camunda:collection camunda:elementVariable " + ASYNC,
			"loopCardinality", "id xsi:type",
			"completionCondition", "id xsi:type",
			"textAnnotation", "id textFormat",
			"text", "",
			"association", "id sourceRef targetRef associationDirection",
			"group", "id categoryValueRef",
			"category", "id name",
			"categoryValue", "id value");

	/** Camunda extension elements → their attributes. Listeners, fields, connectors and scripts are not among them. */
	private static final Map<String, Set<String>> CAMUNDA_ELEMENTS = table(
			"properties", "",
			"property", "id name value",
			"inputOutput", "",
			"inputParameter", "name",
			"outputParameter", "name",
			"list", "",
			"value", "",
			"map", "",
			"entry", "key",
			"in", "source sourceExpression target variables local businessKey",
			"out", "source sourceExpression target variables local",
			"failedJobRetryTimeCycle", "");

	/** DMN elements (every DMN version the engine reads) → their attributes. */
	private static final Map<String, Set<String>> DMN_ELEMENTS = table(
			"definitions", "id name namespace exporter exporterVersion modeler:executionPlatform modeler:executionPlatformVersion",
			"decision", "id name camunda:historyTimeToLive camunda:versionTag",
			"decisionTable", "id hitPolicy aggregation outputLabel preferredOrientation",
			"input", "id label camunda:inputVariable",
			"inputExpression", "id typeRef expressionLanguage",
			"inputValues", "id expressionLanguage",
			"output", "id label name typeRef",
			"outputValues", "id expressionLanguage",
			"rule", "id",
			"description", "",
			"inputEntry", "id expressionLanguage",
			"outputEntry", "id expressionLanguage",
			"annotationEntry", "id",
			"text", "",
			"informationRequirement", "id",
			"requiredDecision", "href",
			"requiredInput", "href",
			"inputData", "id name",
			"variable", "id name typeRef",
			"literalExpression", "id expressionLanguage typeRef");

	/** Elements refused with a reason of their own (the rule code and why). */
	private static final Map<String, Refusal> REFUSED_ELEMENTS = Map.ofEntries(
			Map.entry("scriptTask", new Refusal("script", "script tasks run code; use a service task with an allow-listed delegate")),
			Map.entry("camunda:script", new Refusal("script", "scripts (camunda:script) are not allowed anywhere")),
			Map.entry("camunda:connector", new Refusal("java-class", "connectors call out of the engine; they are not allowed")),
			Map.entry("camunda:field", new Refusal("java-class", "field injection (camunda:field) configures built-in code such as shell and mail tasks; it is not allowed")),
			Map.entry("camunda:executionListener", new Refusal("listener", "listeners run code at moments the flow does not show; every step is a task in the flow")),
			Map.entry("camunda:taskListener", new Refusal("listener", "listeners run code at moments the flow does not show; every step is a task in the flow")),
			Map.entry("camunda:formData", new Refusal("form", "generated forms are not supported; use camunda:formRef with a Camunda Form")),
			Map.entry("camunda:formProperty", new Refusal("form", "form properties are not supported; use camunda:formRef with a Camunda Form")),
			Map.entry("humanPerformer", new Refusal("performer", "give tasks to people with camunda:candidateGroups")),
			Map.entry("potentialOwner", new Refusal("performer", "give tasks to people with camunda:candidateGroups")));

	/** Attributes refused with a reason of their own. */
	private static final Map<String, Refusal> REFUSED_ATTRIBUTES = Map.ofEntries(
			Map.entry("camunda:class", new Refusal("java-class", "loads a Java class; use camunda:delegateExpression with an allow-listed bean")),
			Map.entry("camunda:variableMappingClass", new Refusal("java-class", "loads a Java class")),
			Map.entry("camunda:variableMappingDelegateExpression", new Refusal("bean", "runs a bean on variables; map them with camunda:in and camunda:out")),
			Map.entry("camunda:type", new Refusal("java-class", "runs one of the engine's built-in behaviours (shell, mail, external task); they are not allowed")),
			Map.entry("camunda:topic", new Refusal("java-class", "hands the task to an external worker; CivicLoop runs none")),
			Map.entry("camunda:expression", new Refusal("expression", "runs an expression as code; use camunda:delegateExpression with an allow-listed bean")),
			Map.entry("camunda:resultVariable", new Refusal("expression", "stores what an expression returns; only business rule tasks have a result")),
			Map.entry("camunda:resource", new Refusal("script", "loads a script")),
			Map.entry("language", new Refusal("script", "an expression in a script language is a script")),
			Map.entry("scriptFormat", new Refusal("script", "an expression in a script language is a script")),
			Map.entry("camunda:formKey", new Refusal("form", "embedded and external forms run the page's own code in Tasklist; use camunda:formRef with a Camunda Form")),
			Map.entry("camunda:formHandlerClass", new Refusal("java-class", "loads a Java class")),
			Map.entry("camunda:caseRef", new Refusal("element", "CivicLoop runs no CMMN cases")));

	/** Why a listed element or attribute is refused. */
	record Refusal(String rule, String message) {
	}

	private AllowList() {
	}

	/**
	 * The attributes an element may have, or empty when the element itself is not allowed.
	 * @param dmn whether the element is in a DMN model (else a BPMN model)
	 */
	static Optional<Set<String>> attributes(String namespace, String element, boolean dmn) {
		if (dmn) {
			return DMN.contains(namespace) ? Optional.ofNullable(DMN_ELEMENTS.get(element)) : Optional.empty();
		}
		if (Xml.BPMN.equals(namespace)) {
			return Optional.ofNullable(BPMN_ELEMENTS.get(element));
		}
		if (Xml.CAMUNDA.equals(namespace)) {
			return Optional.ofNullable(CAMUNDA_ELEMENTS.get(element));
		}
		return Optional.empty();
	}

	/** A refused element's own rule and reason, if it has one. */
	static Optional<Refusal> refusedElement(String qualifiedName) {
		return Optional.ofNullable(REFUSED_ELEMENTS.get(qualifiedName));
	}

	/** A refused attribute's own rule and reason, if it has one. */
	static Optional<Refusal> refusedAttribute(String qualifiedName) {
		return Optional.ofNullable(REFUSED_ATTRIBUTES.get(qualifiedName));
	}

	/**
	 * The prefix this list writes for an attribute's namespace ({@code ""} for none), or {@code null} for one
	 * it does not know.
	 * @param dmn whether the attribute is in a DMN model (which has a Camunda namespace of its own)
	 */
	static String prefix(String namespace, boolean dmn) {
		if (namespace.isEmpty()) {
			return "";
		}
		if (namespace.equals(dmn ? Xml.DMN_CAMUNDA : Xml.CAMUNDA)) {
			return "camunda:";
		}
		return switch (namespace) {
			case XSI -> "xsi:";
			case MODELER -> "modeler:";
			default -> null;
		};
	}

	/** Every namespace this list says something about: allowed, refused, layout or values only. */
	static Set<String> known() {
		var known = new java.util.HashSet<String>();
		known.add(Xml.BPMN);
		known.add(Xml.CAMUNDA);
		known.add(Xml.DMN_CAMUNDA);
		known.add(XSI);
		known.add(MODELER);
		known.addAll(REFUSED_NAMESPACES.keySet());
		known.addAll(LAYOUT);
		known.addAll(LAYOUT_ATTRIBUTES);
		known.addAll(DMN);
		known.addAll(VALUES_ONLY);
		return known;
	}

	private static Map<String, Set<String>> table(String... elementsAndAttributes) {
		var table = new HashMap<String, Set<String>>();
		for (int i = 0; i < elementsAndAttributes.length; i += 2) {
			String attributes = elementsAndAttributes[i + 1].strip();
			table.put(elementsAndAttributes[i], attributes.isEmpty() ? Set.of() : Set.of(attributes.split("\\s+")));
		}
		return Map.copyOf(table);
	}

}
