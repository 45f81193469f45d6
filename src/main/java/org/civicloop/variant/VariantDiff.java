package org.civicloop.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a variant changes against another version of the same definitions: elements of the process
 * added, removed and changed (the diagram's layout left out), rules of each table, and — evaluated —
 * the time limits that differ.
 */
final class VariantDiff {

	private static final String DIAGRAM = "http://www.omg.org/spec/BPMN/20100524/DI";

	private VariantDiff() {
	}

	/** The elements one version has and the other has not, and those both have but differently. */
	record Changes(List<Item> added, List<Item> removed, List<Item> changed) {
	}

	/** An element by its id and type; for a changed one, which of its attributes and parts changed. */
	record Item(String id, String type, @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
			@JsonInclude(JsonInclude.Include.NON_NULL) List<String> changes) {
	}

	/** Elements by id, each with what it says besides its own children that have ids. */
	static Changes process(byte[] before, byte[] after) {
		return compare(elements(before, false), elements(after, false));
	}

	/** Rules of a table by id, with their entries. */
	static Changes decision(byte[] before, byte[] after) {
		return compare(elements(before, true), elements(after, true));
	}

	private record Described(String type, String name, Map<String, String> parts) {
	}

	private static Map<String, Described> elements(byte[] xml, boolean rulesOnly) {
		var elements = new LinkedHashMap<String, Described>();
		if (xml == null) {
			return elements;
		}
		Xml.walk(Xml.parse(xml).getDocumentElement(), element -> {
			if (!element.hasAttribute("id") || DIAGRAM.equals(element.getNamespaceURI())
					|| element.getNamespaceURI() != null && element.getNamespaceURI().startsWith("http://www.omg.org/spec/DD/")
					|| element.getLocalName().equals("definitions") || element.getLocalName().equals("process")) {
				return;
			}
			if (rulesOnly && !element.getLocalName().equals("rule")) {
				return;
			}
			var parts = new TreeMap<String, String>();
			var attributes = element.getAttributes();
			for (int i = 0; i < attributes.getLength(); i++) {
				Attr attribute = (Attr) attributes.item(i);
				if (!attribute.getName().equals("id") && !attribute.getName().startsWith("xmlns")) {
					parts.put("@" + attribute.getName(), attribute.getValue());
				}
			}
			int index = 0;
			for (Element child : Xml.children(element)) {
				if (!child.hasAttribute("id") || rulesOnly) {
					parts.put(child.getLocalName() + "[" + index++ + "]", content(child));
				}
			}
			elements.put(element.getAttribute("id"), new Described(element.getLocalName(), element.getAttribute("name"), parts));
		});
		return elements;
	}

	/** An element's text and attributes, its descendants included, as one comparable string. */
	private static String content(Element element) {
		var text = new StringBuilder();
		var attributes = element.getAttributes();
		var sorted = new TreeMap<String, String>();
		for (int i = 0; i < attributes.getLength(); i++) {
			sorted.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
		}
		sorted.remove("id");
		text.append(sorted);
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element e) {
				text.append('<').append(e.getLocalName()).append(content(e)).append('>');
			}
			else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
				text.append(child.getNodeValue().strip());
			}
		}
		return text.toString();
	}

	private static Changes compare(Map<String, Described> before, Map<String, Described> after) {
		var added = new ArrayList<Item>();
		var removed = new ArrayList<Item>();
		var changed = new ArrayList<Item>();
		after.forEach((id, element) -> {
			Described old = before.get(id);
			if (old == null) {
				added.add(new Item(id, element.type(), element.name(), null));
			}
			else if (!old.equals(element)) {
				var what = new ArrayList<String>();
				if (!old.type().equals(element.type())) {
					what.add("type " + old.type() + " → " + element.type());
				}
				var keys = new java.util.TreeSet<>(old.parts().keySet());
				keys.addAll(element.parts().keySet());
				for (String key : keys) {
					if (!Objects.equals(old.parts().get(key), element.parts().get(key))) {
						what.add(key.startsWith("@") ? key.substring(1) : key.replaceAll("\\[\\d+]$", ""));
					}
				}
				changed.add(new Item(id, element.type(), element.name(), what.stream().distinct().toList()));
			}
		});
		before.forEach((id, element) -> {
			if (!after.containsKey(id)) {
				removed.add(new Item(id, element.type(), element.name(), null));
			}
		});
		return new Changes(added, removed, changed);
	}

}
