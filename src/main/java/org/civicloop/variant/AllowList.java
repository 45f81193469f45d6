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
			"http://activiti.org/bpmn", "旧版 activiti 命名空间（引擎将其视同 camunda 命名空间读取），请改用 camunda: 前缀",
			"http://www.camunda.com/fox", "旧版 fox 命名空间（引擎仍会读取），请改用 camunda: 前缀");

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
			Map.entry("scriptTask", new Refusal("script", "脚本任务会运行代码；请改用服务任务，调用白名单中的委托 bean")),
			Map.entry("camunda:script", new Refusal("script", "任何位置都不允许使用脚本（camunda:script）")),
			Map.entry("camunda:connector", new Refusal("java-class", "连接器会从引擎向外发起调用，不允许使用")),
			Map.entry("camunda:field", new Refusal("java-class", "字段注入（camunda:field）用于配置 shell、邮件任务等内置代码，不允许使用")),
			Map.entry("camunda:executionListener", new Refusal("listener", "监听器会在流程图上看不到的时刻运行代码；每个环节都应是流程中的一个任务")),
			Map.entry("camunda:taskListener", new Refusal("listener", "监听器会在流程图上看不到的时刻运行代码；每个环节都应是流程中的一个任务")),
			Map.entry("camunda:formData", new Refusal("form", "不支持生成式表单（camunda:formData）；请用 camunda:formRef 引用 Camunda Form 表单")),
			Map.entry("camunda:formProperty", new Refusal("form", "不支持表单属性（camunda:formProperty）；请用 camunda:formRef 引用 Camunda Form 表单")),
			Map.entry("humanPerformer", new Refusal("performer", "请用 camunda:candidateGroups（候选组）指定由谁办理任务")),
			Map.entry("potentialOwner", new Refusal("performer", "请用 camunda:candidateGroups（候选组）指定由谁办理任务")));

	/** Attributes refused with a reason of their own. */
	private static final Map<String, Refusal> REFUSED_ATTRIBUTES = Map.ofEntries(
			Map.entry("camunda:class", new Refusal("java-class", "会加载 Java 类；请改用 camunda:delegateExpression 调用白名单中的 bean")),
			Map.entry("camunda:variableMappingClass", new Refusal("java-class", "会加载 Java 类")),
			Map.entry("camunda:variableMappingDelegateExpression", new Refusal("bean", "会对变量运行 bean；请用 camunda:in 和 camunda:out 映射变量")),
			Map.entry("camunda:type", new Refusal("java-class", "会运行引擎的内置行为（shell、邮件、外部任务），不允许使用")),
			Map.entry("camunda:topic", new Refusal("java-class", "会把任务交给外部工作者（external worker）处理，而 CivicLoop 不运行任何外部工作者")),
			Map.entry("camunda:expression", new Refusal("expression", "会把表达式当作代码运行；请改用 camunda:delegateExpression 调用白名单中的 bean")),
			Map.entry("camunda:resultVariable", new Refusal("expression", "会保存表达式的返回值；只有业务规则任务才有结果")),
			Map.entry("camunda:resource", new Refusal("script", "会加载脚本")),
			Map.entry("language", new Refusal("script", "用脚本语言写的表达式就是脚本")),
			Map.entry("scriptFormat", new Refusal("script", "用脚本语言写的表达式就是脚本")),
			Map.entry("camunda:formKey", new Refusal("form", "嵌入式表单和外部表单会在 Tasklist 中运行页面自带的代码；请用 camunda:formRef 引用 Camunda Form 表单")),
			Map.entry("camunda:formHandlerClass", new Refusal("java-class", "会加载 Java 类")),
			Map.entry("camunda:caseRef", new Refusal("element", "CivicLoop 不运行 CMMN 案例")));

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
