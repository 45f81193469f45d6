package org.civicloop.open311;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * The answers of GeoReport v2, one record each, written as JSON and as XML from the same record. Field
 * names are the specification's (snake case); nested lists are wrapped in XML as the specification shows
 * them ({@code <attributes><attribute>}).
 */
final class GeoReport {

	private GeoReport() {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Discovery(String changeset, String contact, String keyService,
			@JacksonXmlElementWrapper(localName = "endpoints") @JacksonXmlProperty(localName = "endpoint") List<Endpoint> endpoints) {
	}

	record Endpoint(String specification, String url, String changeset, String type,
			@JacksonXmlElementWrapper(localName = "formats") @JacksonXmlProperty(localName = "format") List<String> formats) {
	}

	/** A service is a category of the catalogue. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Service(String serviceCode, String serviceName, String description, boolean metadata, String type,
			String keywords, String group) {
	}

	/** What a request of a service may say besides the standard fields: the unit, urgency, type, grid. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record ServiceDefinition(String serviceCode,
			@JacksonXmlElementWrapper(localName = "attributes") @JacksonXmlProperty(localName = "attribute") List<Attribute> attributes) {
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Attribute(boolean variable, String code, String datatype, boolean required, String datatypeDescription,
			int order, String description,
			@JsonInclude(JsonInclude.Include.NON_NULL) @JacksonXmlElementWrapper(localName = "values") @JacksonXmlProperty(localName = "value") List<Value> values) {
	}

	record Value(String key, String name) {
	}

	/**
	 * A service request as anyone may read it: the matter's public id, no personal data — the address is
	 * the unit's name, never the reporter's.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Request(String serviceRequestId, String status, String statusNotes, String serviceName, String serviceCode,
			String agencyResponsible, String serviceNotice, Instant requestedDatetime, Instant updatedDatetime,
			Instant expectedDatetime, String address, String zipcode, String mediaUrl) {
	}

	/** The answer to filing: the public id, the citizen's evaluation token (none for a repeat) and a notice. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Filed(String serviceRequestId, String token, String serviceNotice, String accountId) {
	}

	record Error(int code, String description) {
	}

}
