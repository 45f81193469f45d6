package org.civicloop.open311;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;

import org.springframework.http.MediaType;

/**
 * GeoReport v2's two formats, {@code json} and {@code xml}, written from the same records. In XML a list
 * is a root element holding one element per item ({@code <service_requests><request>}); one object is the
 * root element itself ({@code <discovery>}).
 */
enum Open311Format {

	JSON(MediaType.APPLICATION_JSON), XML(new MediaType("text", "xml", StandardCharsets.UTF_8));

	private static final ObjectMapper JSON_MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

	private static final XmlMapper XML_MAPPER = XmlMapper.builder().addModule(new JavaTimeModule())
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).defaultUseWrapper(false)
		.enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION).build();

	final MediaType type;

	Open311Format(MediaType type) {
		this.type = type;
	}

	/** The format a path ends in, or none. */
	static java.util.Optional<Open311Format> of(String extension) {
		return switch (extension) {
			case "json" -> java.util.Optional.of(JSON);
			case "xml" -> java.util.Optional.of(XML);
			default -> java.util.Optional.empty();
		};
	}

	/** A list: a JSON array, or in XML the root element with one {@code item} element per member. */
	String list(String root, String item, List<?> members) {
		return this == JSON ? write(JSON_MAPPER.writer(), members) : write(XML_MAPPER.writer().withRootName(root), Map.of(item, members));
	}

	/** One object: a JSON object, or in XML the root element with the object's fields. */
	String single(String root, Object value) {
		return this == JSON ? write(JSON_MAPPER.writer(), value) : write(XML_MAPPER.writer().withRootName(root), value);
	}

	private static String write(ObjectWriter writer, Object value) {
		try {
			return writer.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write an Open311 answer", ex);
		}
	}

}
