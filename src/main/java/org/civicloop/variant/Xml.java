package org.civicloop.variant;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading models as DOM without letting the XML reach anything outside itself. */
final class Xml {

	static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

	static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

	static final String DMN_CAMUNDA = "http://camunda.org/schema/1.0/dmn";

	private static final DocumentBuilderFactory FACTORY = factory();

	private Xml() {
	}

	/** @throws IllegalArgumentException when the bytes are not well-formed XML */
	static Document parse(byte[] bytes) {
		try {
			javax.xml.parsers.DocumentBuilder builder;
			synchronized (FACTORY) { // a factory is not guaranteed to be thread-safe; a builder is used by one thread
				builder = FACTORY.newDocumentBuilder();
			}
			return builder.parse(new ByteArrayInputStream(bytes));
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/** Every element below and including the root, in document order. */
	static void walk(Element root, Consumer<Element> visitor) {
		var stack = new ArrayList<Element>();
		stack.add(root);
		while (!stack.isEmpty()) {
			Element element = stack.remove(stack.size() - 1);
			visitor.accept(element);
			var children = children(element);
			for (int i = children.size() - 1; i >= 0; i--) {
				stack.add(children.get(i));
			}
		}
	}

	static List<Element> children(Element element) {
		var children = new ArrayList<Element>();
		for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child) {
				children.add(child);
			}
		}
		return children;
	}

	static List<Element> children(Element element, String namespace, String localName) {
		return children(element).stream()
			.filter(child -> namespace.equals(child.getNamespaceURI()) && localName.equals(child.getLocalName()))
			.toList();
	}

	/** An attribute without namespace or in the Camunda namespace, as Camunda Modeler writes them. */
	static String attribute(Element element, String name) {
		String value = element.hasAttribute(name) ? element.getAttribute(name) : element.getAttributeNS(CAMUNDA, name);
		return value == null || value.isEmpty() ? null : value;
	}

	private static DocumentBuilderFactory factory() {
		var factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		try {
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		return factory;
	}

}
