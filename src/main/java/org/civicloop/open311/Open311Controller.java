package org.civicloop.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.civicloop.system.EngineWork;
import org.civicloop.organization.Caller;
import org.civicloop.matter.Categories;
import org.civicloop.matter.Contact;
import org.civicloop.matter.EvaluationTokens;
import org.civicloop.matter.Intake;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.organization.Directory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.civicloop.matter.Labels;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under {@code /open311/v2/}, in JSON and XML:
 * services are the category catalogue, a service request is a matter. Reads are public and show no
 * personal data (no name, phone, exact address, free text or attachment); a request is known there by the
 * matter's random public id, never its tracking number. Filing needs an {@code api_key} that maps to an
 * intake-system account; the answer carries the public id, the citizen's evaluation token and, in the
 * notice, the tracking number.
 */
@RestController
class Open311Controller {

	private static final int MAX_RESULTS = 1000;


	private final ObjectMapper json = new ObjectMapper();

	private final Categories categories;

	private final Directory directory;

	private final Matters matters;

	private final Intake intake;

	private final EngineWork engine;

	private final java.time.Clock clock;

	private final Open311Properties properties;

	private final EvaluationTokens tokens;

	Open311Controller(Categories categories, Directory directory, Matters matters, Intake intake,
			EngineWork engine, Open311Properties properties, EvaluationTokens tokens, java.time.Clock clock) {
		this.clock = clock;
		this.tokens = tokens;
		this.categories = categories;
		this.directory = directory;
		this.matters = matters;
		this.intake = intake;
		this.engine = engine;
		this.properties = properties;
	}

	@GetMapping("/open311/v2/discovery.{format}")
	ResponseEntity<String> discovery(@PathVariable String format) {
		Map<String, Object> endpoint = ordered("specification", "http://wiki.open311.org/GeoReport_v2", "url", "/open311/v2",
				"changeset", "2026-11-28T00:00:00Z", "type", "production", "formats", List.of("application/json", "text/xml"));
		Map<String, Object> discovery = ordered("changeset", "2026-11-28T00:00:00Z", "contact",
				"清河县12345政务服务便民热线中心", "key_service", "api_key from the county 12345 centre", "endpoints", List.of(endpoint));
		return respond(format, "discovery", null, discovery);
	}

	@GetMapping("/open311/v2/services.{format}")
	ResponseEntity<String> services(@PathVariable String format) {
		List<Map<String, Object>> services = categories.all().stream()
			.map(category -> ordered("service_code", category.code(), "service_name", category.name(), "description",
					category.name(), "metadata", true, "type", "realtime", "keywords", "", "group", ""))
			.toList();
		return respond(format, "services", "service", services);
	}

	@GetMapping("/open311/v2/services/{code}.{format}")
	ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format) {
		checkFormat(format);
		if (categories.byCode(code).isEmpty()) {
			throw new Open311Exception(format, 404, "No service " + code);
		}
		List<Map<String, Object>> units = directory.units().stream()
			.map(unit -> ordered("key", unit.id(), "name", unit.name())).toList();
		List<Map<String, Object>> attributes = List.of(
				attribute("unit", "所属单位（县、镇街或村社区）", true, "singlevaluelist", 1, units),
				attribute("urgency", "紧急程度", false, "singlevaluelist", 2, List.of(ordered("key", "normal", "name", "一般"),
						ordered("key", "urgent", "name", "紧急"), ordered("key", "critical", "name", "特急"))),
				attribute("matter_type", "诉求类型", false, "singlevaluelist", 3, List.of(ordered("key", "complaint", "name", "投诉"),
						ordered("key", "help", "name", "求助"), ordered("key", "consultation", "name", "咨询"),
						ordered("key", "suggestion", "name", "建议"))),
				attribute("grid_code", "网格编号", false, "string", 4, null));
		return respond(format, "service_definition", null, ordered("service_code", code, "attributes", attributes));
	}

	/** Files a service request as a matter (or merges it into the open matter it repeats). */
	@PostMapping(value = "/open311/v2/requests.{format}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> file(@PathVariable String format, @RequestParam Map<String, String> form) {
		checkFormat(format);
		String account = properties.apiKeys().get(form.getOrDefault("api_key", ""));
		if (account == null || account.isBlank()) {
			throw new Open311Exception(format, 403, "api_key is missing or unknown");
		}
		NewMatter report = reportOf(form, format);
		Intake.Outcome outcome;
		try {
			outcome = intake.register(report, new Caller(account, java.util.Set.copyOf(engine.groupsOf(account))), null);
		}
		catch (NewMatter.InvalidMatterException invalid) {
			throw new Open311Exception(format, 400, describe(invalid.problems()));
		}
		catch (DuplicateKeyException unexpected) {
			throw new Open311Exception(format, 409, "Filed twice at once; try again");
		}
		Matter matter = outcome.matter();
		String notice = outcome.duplicate() ? "与已受理的工单重复，已并入 " + matter.trackingNo() : "已受理，工单号 " + matter.trackingNo();
		return respond(format, "service_requests", "request", List.of(ordered("service_request_id", matter.publicId(),
				"token", outcome.duplicate() ? null : tokens.of(matter.trackingNo()), "service_notice", notice, "account_id", null)));
	}

	@GetMapping("/open311/v2/requests.{format}")
	ResponseEntity<String> requests(@PathVariable String format,
			@RequestParam(name = "service_request_id", required = false) String ids,
			@RequestParam(name = "service_code", required = false) String serviceCode,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate,
			@RequestParam(name = "status", required = false) String status) {
		checkFormat(format);
		Instant end = endDate == null ? clock.instant() : instant(endDate, "end_date", format);
		Instant start = startDate == null ? end.minus(Duration.ofDays(90)) : instant(startDate, "start_date", format);
		Boolean open = null;
		if (status != null) {
			var statuses = Arrays.asList(status.split(","));
			if (!List.of("open", "closed").containsAll(statuses)) {
				throw new Open311Exception(format, 400, "status must be open, closed or both");
			}
			open = statuses.size() == 1 ? statuses.contains("open") : null;
		}
		List<String> publicIds = ids == null ? List.of() : Arrays.stream(ids.split(",")).map(String::strip).toList();
		List<Map<String, Object>> found = matters.search(publicIds, serviceCode, start, end, open, MAX_RESULTS).stream()
			.map(this::request).toList();
		return respond(format, "service_requests", "request", found);
	}

	@GetMapping("/open311/v2/requests/{id}.{format}")
	ResponseEntity<String> request(@PathVariable String id, @PathVariable String format) {
		checkFormat(format);
		Matter matter = matters.byPublicId(id).orElseThrow(() -> new Open311Exception(format, 404, "No request " + id));
		return respond(format, "service_requests", "request", List.of(request(matter)));
	}

	@ExceptionHandler(Open311Exception.class)
	ResponseEntity<String> error(Open311Exception error) {
		var body = List.of(ordered("code", error.status, "description", error.getMessage()));
		String format = "xml".equals(error.format) ? "xml" : "json";
		return ResponseEntity.status(error.status).contentType(type(format))
			.body(format.equals("xml") ? Open311Xml.write("errors", "error", body) : toJson(body));
	}

	private Map<String, Object> request(Matter matter) {
		String service = categories.nameOf(matter.category());
		return ordered("service_request_id", matter.publicId(), "status", matter.isClosed() ? "closed" : "open",
				"status_notes", Labels.stage(matter.stage()), "service_name", service, "service_code",
				matter.category(), "agency_responsible",
				matter.leadDepartment() == null ? null : directory.officeName(matter.leadDepartment()), "service_notice", null,
				"requested_datetime", iso(matter.registeredAt()), "updated_datetime",
				iso(matter.closedAt() != null ? matter.closedAt() : matter.registeredAt()), "expected_datetime",
				iso(matter.dueAt()), "address", directory.unit(matter.unitId()).map(unit -> unit.name()).orElse(null),
				"zipcode", null, "media_url", null);
	}

	private NewMatter reportOf(Map<String, String> form, String format) {
		String name = (form.getOrDefault("last_name", "") + form.getOrDefault("first_name", "")).strip();
		String media = form.get("media_url");
		return new NewMatter("open311", form.getOrDefault("attribute[matter_type]", "complaint"), form.get("service_code"),
				form.getOrDefault("attribute[urgency]", "normal"), form.get("description"), form.get("attribute[unit]"),
				form.get("address_string"), blankToNull(form.get("attribute[grid_code]")),
				new Contact(name.isEmpty() ? "市民" : name, form.get("phone")), coordinate(form.get("lat"), "lat", format),
				coordinate(form.get("long"), "long", format), null, media == null || media.isBlank() ? List.of() : List.of(media));
	}

	private static Double coordinate(String value, String field, String format) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Double.valueOf(value);
		}
		catch (NumberFormatException notANumber) {
			throw new Open311Exception(format, 400, field + " must be a decimal number");
		}
	}

	private static Instant instant(String value, String field, String format) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException bad) {
			throw new Open311Exception(format, 400, field + " must be an ISO 8601 date-time with offset, like 2026-11-28T08:00:00+08:00");
		}
	}

	@SuppressWarnings("unchecked")
	private ResponseEntity<String> respond(String format, String root, String item, Object body) {
		checkFormat(format);
		String text;
		if (format.equals("json")) {
			text = toJson(body);
		}
		else if (body instanceof List<?> items) {
			text = Open311Xml.write(root, item, (List<Map<String, ?>>) items);
		}
		else {
			text = Open311Xml.single(root, (Map<String, ?>) body);
		}
		return ResponseEntity.ok().contentType(type(format)).body(text);
	}

	private String toJson(Object body) {
		try {
			return json.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void checkFormat(String format) {
		if (!format.equals("json") && !format.equals("xml")) {
			throw new Open311Exception("json", 404, "Format must be json or xml");
		}
	}

	private static MediaType type(String format) {
		return format.equals("xml") ? new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8)
				: MediaType.APPLICATION_JSON;
	}

	private static Map<String, Object> attribute(String code, String description, boolean required, String datatype,
			int order, List<Map<String, Object>> values) {
		Map<String, Object> attribute = ordered("variable", true, "code", code, "datatype", datatype, "required", required,
				"datatype_description", "", "order", order, "description", description);
		if (values != null) {
			attribute.put("values", values);
		}
		return attribute;
	}

	private static String describe(Map<String, String> problems) {
		var parts = new ArrayList<String>();
		problems.forEach((field, problem) -> parts.add(field + " " + problem));
		return String.join("; ", parts);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static String iso(Instant instant) {
		return instant == null ? null : instant.toString();
	}

	private static Map<String, Object> ordered(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	static final class Open311Exception extends RuntimeException {

		final String format;

		final int status;

		Open311Exception(String format, int status, String description) {
			super(description);
			this.format = format;
			this.status = status;
		}

	}

}
