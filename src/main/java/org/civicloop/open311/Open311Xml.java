package org.civicloop.open311;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * GeoReport v2's XML: a root element holding one element per item, each item's fields as child elements
 * (lists of maps as nested elements, other lists as repeated elements). Written with the JDK's StAX writer,
 * which escapes all text.
 */
final class Open311Xml {

	private Open311Xml() {
	}

	static String write(String root, String item, List<? extends Map<String, ?>> items) {
		var out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			xml.writeStartElement(root);
			for (Map<String, ?> fields : items) {
				element(xml, item, fields);
			}
			xml.writeEndElement();
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Cannot write Open311 XML", ex);
		}
		return out.toString();
	}

	/** One object as the root element, its fields as children (discovery, a service definition). */
	static String single(String root, Map<String, ?> fields) {
		var out = new StringWriter();
		try {
			XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
			xml.writeStartDocument("UTF-8", "1.0");
			element(xml, root, fields);
			xml.writeEndDocument();
			xml.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException("Cannot write Open311 XML", ex);
		}
		return out.toString();
	}

	private static void element(XMLStreamWriter xml, String name, Map<String, ?> fields) throws XMLStreamException {
		xml.writeStartElement(name);
		for (var field : fields.entrySet()) {
			value(xml, field.getKey(), field.getValue());
		}
		xml.writeEndElement();
	}

	@SuppressWarnings("unchecked")
	private static void value(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
		if (value instanceof Map<?, ?> map) {
			element(xml, name, (Map<String, ?>) map);
		}
		else if (value instanceof List<?> list) {
			xml.writeStartElement(name);
			for (Object member : list) {
				value(xml, singular(name), member);
			}
			xml.writeEndElement();
		}
		else {
			xml.writeStartElement(name);
			if (value != null) {
				xml.writeCharacters(String.valueOf(value));
			}
			xml.writeEndElement();
		}
	}

	private static String singular(String name) {
		return switch (name) {
			case "attributes" -> "attribute";
			case "values" -> "value";
			case "endpoints" -> "endpoint";
			case "formats" -> "format";
			default -> name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
		};
	}

}
