package org.civicloop.variant;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The rules every deployment passes, the county's shared ones included. A model may carry only what
 * {@link AllowList} enumerates; it may wire the engine to allow-listed beans and compare variables, and
 * nothing more — no scripts, no Java classes, no built-in behaviours, no method calls in expressions, DMN
 * in FEEL only. No expression reads the reporter's contact, no timer repeats faster than
 * {@code min-timer-cycle}, no multi-instance makes more than {@code max-instances} instances.
 */
final class CodeRules {

	private static final Set<String> FEEL = Set.of("feel", "https://www.omg.org/spec/dmn/20191111/feel/",
			"http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/feel/20140401",
			"http://www.omg.org/spec/dmn/20180521/feel/", "https://www.omg.org/spec/dmn/20211108/feel/",
			"https://www.omg.org/spec/dmn/20230324/feel/");

	private static final Pattern EXTERNAL_FUNCTION = Pattern.compile("\\bexternal\\b\\s*\\{");

	/** The variables that could hold the reporter's contact (briefly, on a start form): no model reads them. */
	static final Set<String> PERSONAL = Set.of("reporterName", "reporterPhone");

	private static final Pattern PERSONAL_NAME = Pattern.compile("\\b(reporterName|reporterPhone)\\b");

	/** Elements whose text the engine never evaluates. */
	private static final Set<String> PROSE = Set.of("documentation", "text", "description");

	private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

	private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");

	private final Set<String> allowedBeans;

	private final Predicate<String> isOtherBean;

	private final Duration minTimerCycle;

	private final int maxInstances;

	/**
	 * @param allowedBeans the beans a model may name
	 * @param isOtherBean whether a name is a bean of the application outside the allow-list
	 * @param minTimerCycle the shortest interval a repeating timer may have
	 * @param maxInstances the most instances a multi-instance activity may make
	 */
	CodeRules(Set<String> allowedBeans, Predicate<String> isOtherBean, Duration minTimerCycle, int maxInstances) {
		this.allowedBeans = allowedBeans;
		this.isOtherBean = isOtherBean;
		this.minTimerCycle = minTimerCycle;
		this.maxInstances = maxInstances;
	}

	void checkBpmn(String resource, Document document, List<Violation> violations) {
		Xml.walk(document.getDocumentElement(), element -> checkElement(resource, element, false, violations));
	}

	void checkDmn(String resource, Document document, List<Violation> violations) {
		Xml.walk(document.getDocumentElement(), element -> checkElement(resource, element, true, violations));
	}

	private void checkElement(String resource, Element element, boolean dmn, List<Violation> violations) {
		String ns = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
		String id = nearestId(element);
		if (AllowList.LAYOUT.contains(ns)) {
			checkLayout(resource, element, id, violations);
			return;
		}
		if (AllowList.REFUSED_NAMESPACES.containsKey(ns)) {
			violations.add(new Violation("namespace", resource, id, "<" + element.getTagName() + "> 属于"
					+ AllowList.REFUSED_NAMESPACES.get(ns)));
			return;
		}
		String qualified = qualified(ns, element.getLocalName(), dmn);
		var allowed = AllowList.attributes(ns, element.getLocalName(), dmn);
		if (allowed.isEmpty()) {
			var refusal = AllowList.refusedElement(qualified).orElseGet(() -> new AllowList.Refusal("element",
					"不在 CivicLoop 允许部署的元素之列"));
			violations.add(new Violation(refusal.rule(), resource, id, "<" + qualified + ">：" + refusal.message()));
			return;
		}
		var attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			checkAttribute(resource, qualified, id, (Attr) attributes.item(i), allowed.get(), dmn, violations);
		}
		if (dmn) {
			checkDmnText(resource, element, id, violations);
			return;
		}
		if (!PROSE.contains(element.getLocalName())) {
			for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
					checkExpression(resource, id, child.getNodeValue(), violations);
				}
			}
		}
		switch (qualified) {
			case "timeCycle" -> checkCycle(resource, id, element.getTextContent().strip(), violations);
			case "timeDuration" -> checkDuration(resource, id, element.getTextContent().strip(), violations);
			case "loopCardinality" -> checkCardinality(resource, id, element.getTextContent().strip(), violations);
			default -> {
			}
		}
	}

	private void checkAttribute(String resource, String element, String id, Attr attribute, Set<String> allowed,
			boolean dmn, List<Violation> violations) {
		String ns = attribute.getNamespaceURI();
		if (XMLNS.equals(ns) || (ns == null && attribute.getName().startsWith("xmlns"))) {
			return;
		}
		ns = ns == null ? "" : ns;
		String local = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
		if (AllowList.REFUSED_NAMESPACES.containsKey(ns)) {
			violations.add(new Violation("namespace", resource, id, "<" + element + "> 上的属性 " + attribute.getName() + " 属于"
					+ AllowList.REFUSED_NAMESPACES.get(ns)));
			return;
		}
		String prefix = AllowList.prefix(ns, dmn);
		String name = prefix == null ? "{" + ns + "}" + local : prefix + local;
		String value = attribute.getValue();
		if (!allowed.contains(name)) {
			var refusal = AllowList.refusedAttribute(name).orElseGet(() -> new AllowList.Refusal("attribute",
					"不是 <" + element + "> 允许使用的属性"));
			violations.add(new Violation(refusal.rule(), resource, id, name + "=\"" + excerpt(value) + "\"：" + refusal.message()));
			return;
		}
		switch (name) {
			case "camunda:delegateExpression" -> {
				var bean = Expressions.beanName(value);
				if (bean.isEmpty() || !allowedBeans.contains(bean.get())) {
					violations.add(new Violation("bean", resource, id, name + "=\"" + value
							+ "\" 必须以 ${name} 的形式写明白名单中的一个 bean，可用的有：" + new java.util.TreeSet<>(allowedBeans)));
				}
			}
			case "expressionLanguage" -> {
				if (!FEEL.contains(value.toLowerCase(Locale.ROOT))) {
					violations.add(new Violation("feel-only", resource, id, "expressionLanguage \"" + value
							+ "\"：DMN 表达式必须使用 FEEL"));
				}
			}
			case "camunda:collection", "source" -> {
				checkExpression(resource, id, value, violations);
				if (PERSONAL.contains(value.strip())) {
					violations.add(personalData(resource, id, value));
				}
			}
			case "xsi:type", "id" -> {
			}
			default -> checkExpression(resource, id, value, violations);
		}
	}

	/** Layout: any element and attribute of the layout namespaces, and the colours Camunda Modeler writes. */
	private static void checkLayout(String resource, Element element, String id, List<Violation> violations) {
		var attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			String ns = ((Attr) attributes.item(i)).getNamespaceURI();
			if (ns != null && !ns.isEmpty() && !XMLNS.equals(ns) && !AllowList.LAYOUT.contains(ns) && !AllowList.LAYOUT_ATTRIBUTES.contains(ns)) {
				violations.add(new Violation("attribute", resource, id, "布局元素 <" + element.getLocalName() + "> 上的属性 "
						+ attributes.item(i).getNodeName() + " 不在 CivicLoop 允许部署的属性之列"));
			}
		}
	}

	private void checkDmnText(String resource, Element element, String id, List<Violation> violations) {
		if (!element.getLocalName().equals("text")) {
			return;
		}
		String text = element.getTextContent();
		if (EXTERNAL_FUNCTION.matcher(text).find()) {
			violations.add(new Violation("feel-only", resource, id, "FEEL 外部函数（external）会调用 Java，不允许使用"));
		}
		if (PERSONAL_NAME.matcher(text).find()) {
			violations.add(personalData(resource, id, text));
		}
	}

	private void checkExpression(String resource, String id, String value, List<Violation> violations) {
		if (!Expressions.holdsExpression(value)) {
			return;
		}
		Expressions.problemIn(value).ifPresentOrElse(
				problem -> violations.add(new Violation("expression", resource, id, problem)),
				() -> {
					var names = Expressions.names(value);
					names.stream().filter(isOtherBean).findFirst().ifPresent(bean -> violations.add(
							new Violation("bean", resource, id, "${" + bean + "} 指向白名单之外的应用 bean")));
					if (names.stream().anyMatch(PERSONAL::contains)) {
						violations.add(personalData(resource, id, value));
					}
				});
	}

	private static Violation personalData(String resource, String id, String value) {
		return new Violation("personal-data", resource, id, "“" + excerpt(value) + "”读取了反映人的联系方式，而联系方式"
				+ "只保存在诉求记录中；请改为显示 reporterMasked");
	}

	/** A repeating timer: an ISO 8601 repetition of a fixed duration no shorter than the minimum. */
	private void checkCycle(String resource, String id, String cycle, List<Violation> violations) {
		if (Expressions.holdsExpression(cycle)) {
			violations.add(new Violation("timer-cycle", resource, id, "循环定时器需要固定的间隔，不能使用表达式：" + excerpt(cycle)));
			return;
		}
		String[] parts = cycle.split("/");
		String period = parts.length >= 2 && parts[0].matches("R\\d*") ? parts[parts.length - 1].startsWith("P")
				? parts[parts.length - 1] : parts[1] : null;
		Duration interval = period == null ? null : duration(period);
		if (interval == null) {
			violations.add(new Violation("timer-cycle", resource, id, "“" + excerpt(cycle)
					+ "”不是 R3/PT4H 这样的 ISO 8601 重复周期（不允许使用 cron 表达式）"));
		}
		else if (interval.compareTo(minTimerCycle) < 0) {
			violations.add(new Violation("timer-cycle", resource, id, "“" + cycle + "”每 " + interval
					+ " 重复一次；循环定时器的触发间隔不得短于 " + minTimerCycle));
		}
	}

	/** A fixed wait no shorter than the minimum cycle: a short timer in a loop would be a storm all the same. */
	private void checkDuration(String resource, String id, String wait, List<Violation> violations) {
		if (Expressions.holdsExpression(wait)) {
			return; // a time the application computes
		}
		Duration duration = duration(wait);
		if (duration == null || duration.compareTo(minTimerCycle) < 0) {
			violations.add(new Violation("timer-cycle", resource, id, "定时器至少要等待 " + minTimerCycle + "，不能是“"
					+ excerpt(wait) + "”"));
		}
	}

	private static Duration duration(String iso) {
		try {
			return Duration.ofMillis(DatatypeFactory.newInstance().newDuration(iso).getTimeInMillis(new java.util.Date(0)));
		}
		catch (IllegalArgumentException | UnsupportedOperationException | DatatypeConfigurationException ex) {
			return null;
		}
	}

	private void checkCardinality(String resource, String id, String cardinality, List<Violation> violations) {
		if (!INTEGER.matcher(cardinality).matches() || Integer.parseInt(cardinality) > maxInstances) {
			violations.add(new Violation("multi-instance", resource, id, "loopCardinality \"" + excerpt(cardinality)
					+ "\"：多实例活动要么创建固定数量的实例（最多 " + maxInstances
					+ " 个），要么为应用填充的集合中的每个元素各创建一个"));
		}
	}

	private static String qualified(String namespace, String local, boolean dmn) {
		if (Xml.CAMUNDA.equals(namespace) && !dmn) {
			return "camunda:" + local;
		}
		if ((Xml.BPMN.equals(namespace) && !dmn) || (AllowList.DMN.contains(namespace) && dmn)) {
			return local;
		}
		return "{" + namespace + "}" + local;
	}

	static String nearestId(Element element) {
		for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
			if (e.hasAttribute("id")) {
				return e.getAttribute("id");
			}
		}
		return null;
	}

	private static String excerpt(String text) {
		String flat = text.strip().replaceAll("\\s+", " ");
		return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
	}

}
