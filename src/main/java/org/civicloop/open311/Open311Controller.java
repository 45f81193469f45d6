package org.civicloop.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

	private static final String CHANGESET = "2026-11-28T00:00:00Z";

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
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = GeoReport.Discovery.class)))
	ResponseEntity<String> discovery(@PathVariable String format) {
		var endpoint = new GeoReport.Endpoint("http://wiki.open311.org/GeoReport_v2", "/open311/v2", CHANGESET, "production",
				List.of("application/json", "text/xml"));
		var discovery = new GeoReport.Discovery(CHANGESET, "清河县12345政务服务便民热线中心",
				"api_key from the county 12345 centre", List.of(endpoint));
		var asked = format(format);
		return respond(asked, asked.single("discovery", discovery));
	}

	@GetMapping("/open311/v2/services.{format}")
	@ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = GeoReport.Service.class))))
	ResponseEntity<String> services(@PathVariable String format) {
		var services = categories.all().stream()
			.map(category -> new GeoReport.Service(category.code(), category.name(), category.name(), true, "realtime", "", ""))
			.toList();
		var asked = format(format);
		return respond(asked, asked.list("services", "service", services));
	}

	@GetMapping("/open311/v2/services/{code}.{format}")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = GeoReport.ServiceDefinition.class)))
	ResponseEntity<String> definition(@PathVariable String code, @PathVariable String format) {
		var asked = format(format);
		if (categories.byCode(code).isEmpty()) {
			throw new Open311Exception(asked, 404, "No service " + code);
		}
		var units = directory.units().stream().map(unit -> new GeoReport.Value(unit.id(), unit.name())).toList();
		var urgencies = NewMatter.URGENCIES.entrySet().stream()
			.map(urgency -> new GeoReport.Value(urgency.getKey(), urgency.getValue())).toList();
		var types = List.of(new GeoReport.Value("complaint", "投诉"), new GeoReport.Value("help", "求助"),
				new GeoReport.Value("consultation", "咨询"), new GeoReport.Value("suggestion", "建议"));
		var attributes = List.of(attribute("unit", "所属单位（县、镇街或村社区）", true, "singlevaluelist", 1, units),
				attribute("urgency", "紧急程度", false, "singlevaluelist", 2, urgencies),
				attribute("matter_type", "诉求类型", false, "singlevaluelist", 3, types),
				attribute("grid_code", "网格编号", false, "string", 4, null));
		return respond(asked, asked.single("service_definition", new GeoReport.ServiceDefinition(code, attributes)));
	}

	/** Files a service request as a matter (or merges it into the open matter it repeats). */
	@PostMapping(value = "/open311/v2/requests.{format}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = GeoReport.Filed.class))))
	ResponseEntity<String> file(@PathVariable String format, @RequestParam Map<String, String> form) {
		var asked = format(format);
		String account = properties.apiKeys().get(form.getOrDefault("api_key", ""));
		if (account == null || account.isBlank()) {
			throw new Open311Exception(asked, 403, "api_key is missing or unknown");
		}
		NewMatter report = reportOf(form, asked);
		Intake.Outcome outcome;
		try {
			outcome = intake.register(report, new Caller(account, java.util.Set.copyOf(engine.groupsOf(account))), null);
		}
		catch (NewMatter.InvalidMatterException invalid) {
			throw new Open311Exception(asked, 400, describe(invalid.problems()));
		}
		catch (DuplicateKeyException unexpected) {
			throw new Open311Exception(asked, 409, "Filed twice at once; try again");
		}
		Matter matter = outcome.matter();
		String notice = outcome.duplicate() ? "与已受理的工单重复，已并入 " + matter.trackingNo() : "已受理，工单号 " + matter.trackingNo();
		var filed = new GeoReport.Filed(matter.publicId(), outcome.duplicate() ? null : tokens.of(matter.trackingNo()), notice,
				null);
		return respond(asked, asked.list("service_requests", "request", List.of(filed)));
	}

	@GetMapping("/open311/v2/requests.{format}")
	@ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = GeoReport.Request.class))))
	ResponseEntity<String> requests(@PathVariable String format,
			@RequestParam(name = "service_request_id", required = false) String ids,
			@RequestParam(name = "service_code", required = false) String serviceCode,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate,
			@RequestParam(name = "status", required = false) String status) {
		var asked = format(format);
		Instant end = endDate == null ? clock.instant() : instant(endDate, "end_date", asked);
		Instant start = startDate == null ? end.minus(Duration.ofDays(90)) : instant(startDate, "start_date", asked);
		Boolean open = null;
		if (status != null) {
			var statuses = Arrays.asList(status.split(","));
			if (!List.of("open", "closed").containsAll(statuses)) {
				throw new Open311Exception(asked, 400, "status must be open, closed or both");
			}
			open = statuses.size() == 1 ? statuses.contains("open") : null;
		}
		List<String> publicIds = ids == null ? List.of() : Arrays.stream(ids.split(",")).map(String::strip).toList();
		var found = matters.search(publicIds, serviceCode, start, end, open, MAX_RESULTS).stream().map(this::request).toList();
		return respond(asked, asked.list("service_requests", "request", found));
	}

	@GetMapping("/open311/v2/requests/{id}.{format}")
	@ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = GeoReport.Request.class))))
	ResponseEntity<String> request(@PathVariable String id, @PathVariable String format) {
		var asked = format(format);
		Matter matter = matters.byPublicId(id).orElseThrow(() -> new Open311Exception(asked, 404, "No request " + id));
		return respond(asked, asked.list("service_requests", "request", List.of(request(matter))));
	}

	@ExceptionHandler(Open311Exception.class)
	ResponseEntity<String> error(Open311Exception error) {
		var body = List.of(new GeoReport.Error(error.status, error.getMessage()));
		return ResponseEntity.status(error.status).contentType(error.format.type)
			.body(error.format.list("errors", "error", body));
	}

	private GeoReport.Request request(Matter matter) {
		var progress = matter.progress();
		String lead = progress.leadDepartment();
		return new GeoReport.Request(matter.publicId(), matter.isClosed() ? "closed" : "open", Labels.stage(progress.stage()),
				categories.nameOf(matter.report().category()), matter.report().category(),
				lead == null ? null : directory.officeName(lead), null, progress.registeredAt(),
				progress.closedAt() != null ? progress.closedAt() : progress.registeredAt(), progress.dueAt(),
				directory.unit(matter.report().unitId()).map(unit -> unit.name()).orElse(null), null, null);
	}

	private NewMatter reportOf(Map<String, String> form, Open311Format format) {
		String name = (form.getOrDefault("last_name", "") + form.getOrDefault("first_name", "")).strip();
		String media = form.get("media_url");
		return new NewMatter("open311", form.getOrDefault("attribute[matter_type]", "complaint"), form.get("service_code"),
				form.getOrDefault("attribute[urgency]", "normal"), form.get("description"), form.get("attribute[unit]"),
				form.get("address_string"), blankToNull(form.get("attribute[grid_code]")),
				new Contact(name.isEmpty() ? "市民" : name, form.get("phone")), coordinate(form.get("lat"), "lat", format),
				coordinate(form.get("long"), "long", format), null, media == null || media.isBlank() ? List.of() : List.of(media));
	}

	private static Double coordinate(String value, String field, Open311Format format) {
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

	private static Instant instant(String value, String field, Open311Format format) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException bad) {
			throw new Open311Exception(format, 400, field + " must be an ISO 8601 date-time with offset, like 2026-11-28T08:00:00+08:00");
		}
	}

	private static ResponseEntity<String> respond(Open311Format format, String body) {
		return ResponseEntity.ok().contentType(format.type).body(body);
	}

	private static Open311Format format(String extension) {
		return Open311Format.of(extension).orElseThrow(() -> new Open311Exception(Open311Format.JSON, 404, "Format must be json or xml"));
	}

	private static GeoReport.Attribute attribute(String code, String description, boolean required, String datatype,
			int order, List<GeoReport.Value> values) {
		return new GeoReport.Attribute(true, code, datatype, required, "", order, description, values);
	}

	private static String describe(Map<String, String> problems) {
		var parts = new ArrayList<String>();
		problems.forEach((field, problem) -> parts.add(field + " " + problem));
		return String.join("; ", parts);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	static final class Open311Exception extends RuntimeException {

		final Open311Format format;

		final int status;

		Open311Exception(Open311Format format, int status, String description) {
			super(description);
			this.format = format;
			this.status = status;
		}

	}

}
