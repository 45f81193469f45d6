package org.civicloop.assessment;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.security.Audit;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The daily reports and weekly notes: listed and read within the caller's scope (leaders, the dispatch centre
 * and administrators all; a town office its town's daily reports; a department its own weekly notes), as HTML or
 * as CSV for a spreadsheet; made again on demand by administrators.
 */
@RestController
class ReportController {

	private final Reports reports;

	private final Directory directory;

	private final Audit audit;

	ReportController(Reports reports, Directory directory, Audit audit) {
		this.reports = reports;
		this.directory = directory;
		this.audit = audit;
	}

	@GetMapping({ "/api/kpi/reports", "/dashboard/api/kpi/reports" })
	List<Reports.Report> list(@RequestParam(defaultValue = "daily") String kind, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Authentication caller) {
		Scope scope = scope(caller);
		Period period = Period.of(from, to);
		return reports.list(kind(kind), period.from(), period.to()).stream().filter(report -> scope.sees(report.kind(), report.scope()))
			.toList();
	}

	@GetMapping(path = { "/api/kpi/reports/{id}", "/dashboard/api/kpi/reports/{id}" }, produces = "text/html;charset=UTF-8")
	String html(@PathVariable long id, Authentication caller) {
		return readable(id, caller).getValue()[0];
	}

	/** The report's table as CSV, with a byte order mark so that spreadsheets read its Chinese as UTF-8. */
	@GetMapping({ "/api/kpi/reports/{id}/csv", "/dashboard/api/kpi/reports/{id}/csv" })
	ResponseEntity<byte[]> csv(@PathVariable long id, Authentication caller) {
		var report = readable(id, caller);
		String name = report.getKey().kind() + "-" + report.getKey().scope() + "-" + report.getKey().from() + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(("\uFEFF" + report.getValue()[1]).getBytes(StandardCharsets.UTF_8));
	}

	/** Makes a day's daily reports or a week's notes now, when they are missing (administrators, audited). */
	@PostMapping("/api/kpi/reports")
	List<Reports.Report> make(@RequestParam String kind, @RequestParam String from, Authentication caller) {
		if (!Caller.of(caller).inAny(Roles.ADMIN)) {
			throw new AccessDeniedException("Reports are made again by administrators");
		}
		String which = kind(kind);
		LocalDate start = Period.day("from", from);
		if (which.equals("weekly") && start.getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
			throw new Period.InvalidRequest(Map.of("from", "must be a Monday: a week's notes start on one"));
		}
		if (reports.exists(which, start)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The " + which + " reports from " + start + " exist already");
		}
		List<Reports.Report> made = which.equals("daily") ? reports.daily(start) : reports.weekly(start);
		audit.record(caller.getName(), "kpi.report.make", which + ":" + start, made.size() + " reports");
		return made;
	}

	private Map.Entry<Reports.Report, String[]> readable(long id, Authentication caller) {
		Scope scope = scope(caller);
		return reports.read(id).filter(report -> scope.sees(report.getKey().kind(), report.getKey().scope()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report " + id + " in your sight"));
	}

	private Scope scope(Authentication caller) {
		return Scope.required(Caller.of(caller), directory);
	}

	private static String kind(String kind) {
		if (!kind.equals("daily") && !kind.equals("weekly")) {
			throw new Period.InvalidRequest(Map.of("kind", "must be daily or weekly"));
		}
		return kind;
	}

}
