package org.civicloop.variant;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The no-code rules every deployment passes, the county's shared ones included: a model may wire the
 * engine to allow-listed beans and compare variables, and nothing more — no scripts, no Java classes,
 * no method calls in expressions, DMN in FEEL only.
 */
final class CodeRules {

	private static final Set<String> FEEL = Set.of("feel", "https://www.omg.org/spec/dmn/20191111/feel/",
			"http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/feel/20140401");

	private static final Pattern EXTERNAL_FUNCTION = Pattern.compile("\\bexternal\\b\\s*\\{");

	/** Camunda attributes that load a Java class. */
	private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass");

	/** Camunda attributes that name a bean. */
	private static final Set<String> BEAN_ATTRIBUTES = Set.of("delegateExpression", "variableMappingDelegateExpression");

	/** Elements whose text the engine never evaluates. */
	private static final Set<String> PROSE = Set.of("documentation", "text", "description");

	private final Set<String> allowedBeans;

	private final Predicate<String> isOtherBean;

	/**
	 * @param allowedBeans the beans a model may name
	 * @param isOtherBean whether a name is a bean of the application outside the allow-list
	 */
	CodeRules(Set<String> allowedBeans, Predicate<String> isOtherBean) {
		this.allowedBeans = allowedBeans;
		this.isOtherBean = isOtherBean;
	}

	void checkBpmn(String resource, Document document, List<Violation> violations) {
		Xml.walk(document.getDocumentElement(), element -> checkBpmnElement(resource, element, violations));
	}

	private void checkBpmnElement(String resource, Element element, List<Violation> violations) {
		String ns = element.getNamespaceURI();
		String name = element.getLocalName();
		String id = nearestId(element);
		if (Xml.BPMN.equals(ns) && name.equals("scriptTask")) {
			violations.add(new Violation("script", resource, id, "script tasks run code; use a service task with an allow-listed delegate"));
		}
		if (Xml.CAMUNDA.equals(ns) && name.equals("script")) {
			violations.add(new Violation("script", resource, id, "scripts (camunda:script) are not allowed anywhere"));
		}
		if (Xml.CAMUNDA.equals(ns) && name.equals("connector")) {
			violations.add(new Violation("java-class", resource, id, "connectors call out of the engine; they are not allowed"));
		}
		if (Xml.CAMUNDA.equals(ns) && name.equals("constraint") && "validator".equals(element.getAttribute("name"))) {
			violations.add(new Violation("java-class", resource, id, "form field validators name Java classes; they are not allowed"));
		}
		if (element.hasAttribute("language") || element.hasAttribute("scriptFormat")) {
			violations.add(new Violation("script", resource, id, "an expression in a script language ("
					+ element.getAttribute("language") + element.getAttribute("scriptFormat") + ") is a script"));
		}
		var attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			checkAttribute(resource, element, id, (Attr) attributes.item(i), violations);
		}
		if (!PROSE.contains(name) && !"http://www.omg.org/spec/BPMN/20100524/DI".equals(ns)) {
			for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
					checkExpression(resource, id, child.getNodeValue(), violations);
				}
			}
		}
	}

	private void checkAttribute(String resource, Element element, String id, Attr attribute, List<Violation> violations) {
		boolean camunda = Xml.CAMUNDA.equals(attribute.getNamespaceURI())
				|| (attribute.getNamespaceURI() == null && Xml.CAMUNDA.equals(element.getNamespaceURI()));
		String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
		String value = attribute.getValue();
		if (camunda && CLASS_ATTRIBUTES.contains(name)) {
			violations.add(new Violation("java-class", resource, id, "camunda:" + name + "=\"" + value
					+ "\" loads a Java class; use camunda:delegateExpression with an allow-listed bean"));
		}
		else if (camunda && BEAN_ATTRIBUTES.contains(name)) {
			var bean = Expressions.beanName(value);
			if (bean.isEmpty() || !allowedBeans.contains(bean.get())) {
				violations.add(new Violation("bean", resource, id, "camunda:" + name + "=\"" + value
						+ "\" must name one allow-listed bean as ${name}: " + new java.util.TreeSet<>(allowedBeans)));
			}
		}
		else if (camunda && name.equals("resource")) {
			violations.add(new Violation("script", resource, id, "camunda:resource loads a script"));
		}
		else if (!name.equals("xmlns") && !"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
			checkExpression(resource, id, value, violations);
		}
	}

	private void checkExpression(String resource, String id, String value, List<Violation> violations) {
		if (!Expressions.holdsExpression(value)) {
			return;
		}
		Expressions.problemIn(value).ifPresentOrElse(
				problem -> violations.add(new Violation("expression", resource, id, problem)),
				() -> Expressions.names(value).stream().filter(isOtherBean).findFirst().ifPresent(bean -> violations.add(
						new Violation("bean", resource, id, "${" + bean + "} names an application bean outside the allow-list"))));
	}

	void checkDmn(String resource, Document document, List<Violation> violations) {
		Xml.walk(document.getDocumentElement(), element -> {
			String language = element.getAttribute("expressionLanguage");
			if (!language.isEmpty() && !FEEL.contains(language.toLowerCase(Locale.ROOT))) {
				violations.add(new Violation("feel-only", resource, nearestId(element), "expressionLanguage \""
						+ language + "\": DMN expressions must be FEEL"));
			}
			if (element.getLocalName().equals("text") && EXTERNAL_FUNCTION.matcher(element.getTextContent()).find()) {
				violations.add(new Violation("feel-only", resource, nearestId(element), "FEEL external functions call Java; they are not allowed"));
			}
		});
	}

	private static String nearestId(Element element) {
		for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
			if (e.hasAttribute("id")) {
				return e.getAttribute("id");
			}
		}
		return null;
	}

}
