package org.civicloop.variant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.civicloop.matter.model.MatterHandling;
import org.w3c.dom.Element;

/**
 * The closed loop a variant must keep: the required stages, each passed on every path before the next,
 * and every way the process can end passing all of them.
 *
 * <p>The process is read as a graph of flow nodes. For each node the analysis works out which stages
 * every path from a start event to it has passed (a data-flow fixpoint: the intersection over incoming
 * paths, the union at a parallel join, which waits for all its branches). A boundary event leaves its
 * activity unfinished, so it passes nothing of it — except the citizen's own evaluation, which completes
 * the return visit. Branches of non-interrupting boundary events (warnings, urges) run beside the main
 * flow: they may end on their own but must not join the main flow or terminate the process.
 */
final class Stages {

	/** The stages in their required order, each with what marks an element as that stage. */
	static final List<String> REQUIRED = List.of("register", "route", "apply-routing", "time-limits",
			"schedule-sign-for", "sign-for", "schedule-handling", "handle", "review", "return-visit", "close");

	/** The nodes where the flow waits for a person or a message. */
	private static final Set<String> WAITING = Set.of("userTask", "receiveTask");

	private static final Map<String, String> DELEGATE_STAGES = Map.of("registerMatterDelegate", "register",
			"applyRoutingDelegate", "apply-routing", "scheduleSignForDelegate", "schedule-sign-for",
			"scheduleHandlingDelegate", "schedule-handling", "closeMatterDelegate", "close");

	private static final Map<String, String> DECISION_STAGES = Map.of(MatterHandling.Decisions.ROUTE_MATTER, "route",
			MatterHandling.Decisions.TIME_LIMITS, "time-limits");

	/** What each stage is called in the county's model, for the messages: {@code sign-for（签收）}. */
	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("register", "登记诉求"),
			Map.entry("route", "派单规则"), Map.entry("apply-routing", "确定牵头与协办部门"), Map.entry("time-limits", "时限规则"),
			Map.entry("schedule-sign-for", "计算签收时限"), Map.entry(MatterHandling.Stages.SIGN_FOR, "签收"),
			Map.entry("schedule-handling", "计算办理时限"), Map.entry(MatterHandling.Stages.HANDLE, "办理"),
			Map.entry(MatterHandling.Stages.REVIEW, "审核报结"), Map.entry(MatterHandling.Stages.RETURN_VISIT, "回访"),
			Map.entry("close", "办结归档"), Map.entry(MatterHandling.Stages.REDISPATCH, "改派"),
			Map.entry(MatterHandling.Stages.CO_HANDLE, "协办"), Map.entry(MatterHandling.Stages.EXTENSION, "审批延期"),
			Map.entry(MatterHandling.Stages.SUPERVISION, "督办"));

	private static final List<String> USER_STAGES = List.of(MatterHandling.Stages.SIGN_FOR, MatterHandling.Stages.HANDLE,
			MatterHandling.Stages.REVIEW, MatterHandling.Stages.RETURN_VISIT);

	private final String resource;

	private final Element process;

	private final Map<String, Element> nodes = new LinkedHashMap<>();

	private final Map<String, List<String>> next = new HashMap<>();

	private final Map<String, List<String>> previous = new HashMap<>();

	private Stages(String resource, Element process) {
		this.resource = resource;
		this.process = process;
	}

	static List<Violation> check(String resource, Element process) {
		var stages = new Stages(resource, process);
		stages.read();
		return stages.violations();
	}

	/** The stage an element is, if any. */
	static Optional<String> stageOf(Element element) {
		String name = element.getLocalName();
		if (name.equals("serviceTask")) {
			return Expressions.beanName(Xml.attribute(element, "delegateExpression")).map(DELEGATE_STAGES::get);
		}
		if (name.equals("businessRuleTask")) {
			return Optional.ofNullable(DECISION_STAGES.get(Xml.attribute(element, "decisionRef")));
		}
		if (name.equals("userTask")) {
			return stageProperty(element).filter(USER_STAGES::contains);
		}
		return Optional.empty();
	}

	/** A stage's code with its name in the county's model, such as {@code sign-for（签收）}. */
	static String label(String stage) {
		String name = NAMES.get(stage);
		return name == null ? stage : stage + "（" + name + "）";
	}

	static Optional<String> stageProperty(Element element) {
		for (Element extensions : Xml.children(element, Xml.BPMN, "extensionElements")) {
			for (Element properties : Xml.children(extensions, Xml.CAMUNDA, "properties")) {
				for (Element property : Xml.children(properties, Xml.CAMUNDA, "property")) {
					if ("civicloop.stage".equals(property.getAttribute("name"))) {
						return Optional.of(property.getAttribute("value"));
					}
				}
			}
		}
		return Optional.empty();
	}

	private void read() {
		for (Element child : Xml.children(process)) {
			if (!Xml.BPMN.equals(child.getNamespaceURI())) {
				continue;
			}
			switch (child.getLocalName()) {
				case "sequenceFlow", "laneSet", "textAnnotation", "association", "extensionElements", "documentation",
						"group", "dataObject", "dataObjectReference", "dataStoreReference" -> {
				}
				default -> nodes.put(child.getAttribute("id"), child);
			}
		}
		for (Element flow : Xml.children(process, Xml.BPMN, "sequenceFlow")) {
			link(flow.getAttribute("sourceRef"), flow.getAttribute("targetRef"));
		}
		for (Element node : nodes.values()) {
			if (node.getLocalName().equals("boundaryEvent")) {
				link(node.getAttribute("attachedToRef"), node.getAttribute("id"));
			}
		}
	}

	private void link(String from, String to) {
		next.computeIfAbsent(from, key -> new ArrayList<>()).add(to);
		previous.computeIfAbsent(to, key -> new ArrayList<>()).add(from);
	}

	private List<Violation> violations() {
		var violations = new ArrayList<Violation>();
		var stageOf = new HashMap<String, Integer>();
		nodes.forEach((id, node) -> stageOf(node).ifPresent(stage -> stageOf.put(id, REQUIRED.indexOf(stage))));
		for (int i = 0; i < REQUIRED.size(); i++) {
			if (!stageOf.containsValue(i)) {
				violations.add(new Violation("stage-missing", resource, process.getAttribute("id"),
						"缺少必需阶段 " + label(REQUIRED.get(i)) + "：应有一个" + describe(i)));
			}
		}
		if (!violations.isEmpty()) {
			return violations;
		}
		violations.addAll(loopsWithoutPeople());
		var mainFlow = mainFlow();
		var passed = passedStages(stageOf, mainFlow);
		for (String id : stageOf.keySet()) {
			if (!mainFlow.contains(id)) {
				violations.add(new Violation("stage-bypass", resource, id, "阶段 " + label(REQUIRED.get(stageOf.get(id)))
						+ " 位于非中断事件的分支上；阶段必须位于诉求的主流程上"));
			}
		}
		int returnVisit = REQUIRED.indexOf("return-visit");
		nodes.forEach((id, node) -> {
			boolean rework = node.getLocalName().equals("serviceTask")
					&& Expressions.beanName(Xml.attribute(node, "delegateExpression")).filter("startReworkDelegate"::equals).isPresent();
			if (rework && (!mainFlow.contains(id) || !passed.get(id).get(returnVisit))) {
				violations.add(new Violation("stage-order", resource, id, "重办（${startReworkDelegate}）只能在回访之后开始"));
			}
		});
		for (var entry : stageOf.entrySet()) {
			BitSet before = passed.get(entry.getKey());
			for (int earlier = 0; before != null && earlier < entry.getValue(); earlier++) {
				if (!before.get(earlier)) {
					violations.add(new Violation("stage-order", resource, entry.getKey(), "不先经过阶段 " + label(REQUIRED.get(earlier))
							+ " 也能到达阶段 " + label(REQUIRED.get(entry.getValue()))));
					break;
				}
			}
		}
		for (String id : nodes.keySet()) {
			Element node = nodes.get(id);
			boolean end = node.getLocalName().equals("endEvent") || next.getOrDefault(id, List.of()).isEmpty();
			boolean terminates = !Xml.children(node, Xml.BPMN, "terminateEventDefinition").isEmpty();
			if (mainFlow.contains(id) && end && passed.get(id) != null) {
				int missing = passed.get(id).nextClearBit(0);
				if (missing < REQUIRED.size()) {
					violations.add(new Violation("stage-bypass", resource, id, "诉求可以不经过阶段 "
							+ label(REQUIRED.get(missing)) + " 就在此结束"));
				}
			}
			else if (!mainFlow.contains(id) && terminates) {
				violations.add(new Violation("stage-bypass", resource, id,
						"非中断事件的分支终止了整个诉求"));
			}
			if (!mainFlow.contains(id)) {
				for (String target : next.getOrDefault(id, List.of())) {
					if (mainFlow.contains(target)) {
						violations.add(new Violation("stage-bypass", resource, id, "非中断事件的分支在 "
								+ target + " 处汇入了主流程；旁支只能自行结束"));
					}
				}
			}
		}
		return violations;
	}

	/**
	 * Every loop of the flow waits for a person (a user task) or a message: a loop of service tasks, gateways
	 * and timers alone would run the engine in circles. The flow graph is searched with the waiting tasks left
	 * out: whatever still loops (a strongly connected part of two or more nodes, or a node leading to itself)
	 * can go round without anybody. Searching the whole graph would let such a loop hide inside a larger one
	 * that passes a person, such as the county's handling and review.
	 */
	private List<Violation> loopsWithoutPeople() {
		var violations = new ArrayList<Violation>();
		var index = new HashMap<String, Integer>();
		var low = new HashMap<String, Integer>();
		var stack = new ArrayDeque<String>();
		var onStack = new java.util.HashSet<String>();
		int[] counter = { 0 };
		for (String start : nodes.keySet()) {
			if (!index.containsKey(start) && !waits(start)) {
				connect(start, index, low, stack, onStack, counter, violations);
			}
		}
		return violations;
	}

	private void connect(String node, Map<String, Integer> index, Map<String, Integer> low, ArrayDeque<String> stack,
			java.util.Set<String> onStack, int[] counter, List<Violation> violations) {
		index.put(node, counter[0]);
		low.put(node, counter[0]++);
		stack.push(node);
		onStack.add(node);
		for (String target : next.getOrDefault(node, List.of())) {
			if (!nodes.containsKey(target) || waits(target)) {
				continue;
			}
			if (!index.containsKey(target)) {
				connect(target, index, low, stack, onStack, counter, violations);
				low.put(node, Math.min(low.get(node), low.get(target)));
			}
			else if (onStack.contains(target)) {
				low.put(node, Math.min(low.get(node), index.get(target)));
			}
		}
		if (low.get(node).equals(index.get(node))) {
			var loop = new ArrayList<String>();
			String member;
			do {
				member = stack.pop();
				onStack.remove(member);
				loop.add(member);
			}
			while (!member.equals(node));
			if (loop.size() > 1 || next.getOrDefault(node, List.of()).contains(node)) {
				violations.add(new Violation("loop", resource, node, "流程在 " + loop
						+ " 之间循环，既不等待人员办理也不等待消息，会让引擎空转"));
			}
		}
	}

	/** Whether the flow stops at this node until a person or a message moves it on. */
	private boolean waits(String id) {
		return WAITING.contains(nodes.get(id).getLocalName());
	}

	/** Nodes reachable from a start event without passing a non-interrupting boundary event. */
	private java.util.Set<String> mainFlow() {
		var seen = new java.util.LinkedHashSet<String>();
		var queue = new ArrayDeque<String>();
		nodes.forEach((id, node) -> {
			if (node.getLocalName().equals("startEvent")) {
				queue.add(id);
			}
		});
		while (!queue.isEmpty()) {
			String id = queue.poll();
			if (!seen.add(id)) {
				continue;
			}
			for (String target : next.getOrDefault(id, List.of())) {
				if (!isNonInterrupting(target)) {
					queue.add(target);
				}
			}
		}
		return seen;
	}

	private boolean isNonInterrupting(String id) {
		Element node = nodes.get(id);
		return node != null && node.getLocalName().equals("boundaryEvent") && "false".equals(node.getAttribute("cancelActivity"));
	}

	/** For each main-flow node, the stages every path to it has passed, the node's own included. */
	private Map<String, BitSet> passedStages(Map<String, Integer> stageOf, java.util.Set<String> mainFlow) {
		var out = new HashMap<String, BitSet>();
		BitSet all = new BitSet();
		all.set(0, REQUIRED.size());
		for (String id : mainFlow) {
			out.put(id, (BitSet) all.clone());
		}
		boolean changed = true;
		while (changed) {
			changed = false;
			for (String id : mainFlow) {
				Element node = nodes.get(id);
				BitSet in;
				var sources = previous.getOrDefault(id, List.of()).stream().filter(mainFlow::contains).toList();
				if (node.getLocalName().equals("startEvent") || sources.isEmpty()) {
					in = new BitSet();
				}
				else {
					boolean join = node.getLocalName().equals("parallelGateway") && sources.size() > 1;
					in = null;
					for (String source : sources) {
						BitSet arriving = arriving(source, node, stageOf, out);
						if (in == null) {
							in = arriving;
						}
						else if (join) {
							in.or(arriving);
						}
						else {
							in.and(arriving);
						}
					}
				}
				BitSet result = (BitSet) in.clone();
				if (stageOf.containsKey(id)) {
					result.set(stageOf.get(id));
				}
				if (!result.equals(out.get(id))) {
					out.put(id, result);
					changed = true;
				}
			}
		}
		return out;
	}

	/** What a path brings along an edge: an activity's stage is passed unless the edge leaves it by a boundary event. */
	private BitSet arriving(String source, Element target, Map<String, Integer> stageOf, Map<String, BitSet> out) {
		BitSet arriving = (BitSet) out.get(source).clone();
		if (target.getLocalName().equals("boundaryEvent") && stageOf.containsKey(source) && !completesStage(target)) {
			arriving.clear(stageOf.get(source));
		}
		return arriving;
	}

	/** The citizen's evaluation, caught on the return visit, completes that stage. */
	private boolean completesStage(Element boundary) {
		Element attached = nodes.get(boundary.getAttribute("attachedToRef"));
		if (attached == null || !stageOf(attached).equals(Optional.of("return-visit"))) {
			return false;
		}
		for (Element definition : Xml.children(boundary, Xml.BPMN, "messageEventDefinition")) {
			Element message = messageById(definition.getAttribute("messageRef"));
			if (message != null && MatterHandling.MESSAGE_CITIZEN_EVALUATION.equals(message.getAttribute("name"))) {
				return true;
			}
		}
		return false;
	}

	private Element messageById(String id) {
		for (Element message : Xml.children((Element) process.getParentNode(), Xml.BPMN, "message")) {
			if (message.getAttribute("id").equals(id)) {
				return message;
			}
		}
		return null;
	}

	private static String describe(int stage) {
		return switch (REQUIRED.get(stage)) {
			case "route" -> "decisionRef 为 route-matter 的业务规则任务";
			case "time-limits" -> "decisionRef 为 time-limits 的业务规则任务";
			case "sign-for", "handle", "review", "return-visit" -> "带属性 civicloop.stage="
					+ REQUIRED.get(stage) + " 的用户任务";
			default -> "调用 ${" + DELEGATE_STAGES.entrySet().stream()
				.filter(entry -> entry.getValue().equals(REQUIRED.get(stage))).map(Map.Entry::getKey).findFirst().orElseThrow() + "} 的服务任务";
		};
	}

}
