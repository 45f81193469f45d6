package org.civicloop.knowledge;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civicloop.matter.Categories;
import org.civicloop.matter.model.VisibleMatters;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.organization.Unit;
import org.civicloop.security.Audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The case library: {@code GET /api/cases} (closed matters and typical cases, within what the caller may see),
 * typical cases written or promoted from a closed matter by departments and the dispatch centre, and
 * {@code GET /api/matters/{trackingNo}/similar}. No answer carries a citizen's contact.
 */
@RestController
class CaseController {

	private final CaseLibrary library;

	private final CaseRecords records;

	private final TypicalCases typical;

	private final VisibleMatters matters;

	private final Categories categories;

	private final Directory directory;

	private final Clock clock;

	private final Audit audit;

	CaseController(CaseLibrary library, CaseRecords records, TypicalCases typical, VisibleMatters matters, Categories categories,
			Directory directory, Clock clock, Audit audit) {
		this.audit = audit;
		this.library = library;
		this.records = records;
		this.typical = typical;
		this.matters = matters;
		this.categories = categories;
		this.directory = directory;
		this.clock = clock;
	}

	/** A case as the API shows it. */
	record CaseView(String id, String kind, String trackingNo, String title, String category, String categoryName, String unit,
			String unitName, String grid, String description, String handling, String regulations, String outcome,
			String satisfaction, Instant closedAt, Float score) {

		static CaseView of(CaseIndex.Hit hit, Categories categories, Directory directory) {
			var found = hit.found();
			return new CaseView(found.id(), found.kind(), found.trackingNo(), found.title(), found.category(),
					categories.nameOf(found.category()), found.unit(), directory.unit(found.unit()).map(Unit::name).orElse(null),
					found.grid(), found.description(), found.handling(), found.regulations(), found.outcome(), found.satisfaction(),
					found.closedAt(), hit.score() == 0 ? null : hit.score());
		}

	}

	record CasePage(List<CaseView> cases, int page, int size, long total, boolean complete) {
	}

	/** A similar case, with its one line as the handler's form shows it. */
	record SimilarCase(String line, CaseView found) {
	}

	/** A typical case to write; {@code category}, {@code unit} and {@code description} come from the matter when promoted. */
	record TypicalRequest(String title, String category, String unit, String grid, String description, String strategy,
			String regulations) {
	}

	@GetMapping("/api/cases")
	CasePage cases(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
			@RequestParam(required = false) String unit, @RequestParam(required = false) Boolean typical,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size, Authentication authentication) {
		var errors = new LinkedHashMap<String, String>();
		if (category != null && categories.byCode(category).isEmpty()) {
			errors.put("category", "no category " + category);
		}
		if (unit != null && directory.unit(unit).isEmpty()) {
			errors.put("unit", "no unit " + unit);
		}
		if (page < 0 || page > 500) {
			errors.put("page", "from 0 to 500");
		}
		if (size < 1 || size > 100) {
			errors.put("size", "from 1 to 100");
		}
		if (q != null && q.length() > 200) {
			errors.put("q", "at most 200 characters");
		}
		invalid(errors);
		var found = library.find(Caller.of(authentication), q, category, unit, typical, page, size);
		return new CasePage(found.cases().stream().map(hit -> CaseView.of(hit, categories, directory)).toList(), page, size,
				found.total(), found.complete());
	}

	@GetMapping("/api/matters/{trackingNo}/similar")
	List<SimilarCase> similar(@PathVariable String trackingNo, Authentication authentication) {
		var caller = Caller.of(authentication);
		var matter = matters.visible(caller, trackingNo)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No matter " + trackingNo + " you may see"));
		var report = matter.report();
		return library.similar(trackingNo, report.description(), report.category(), report.gridCode(), report.unitId(),
				library.visibility(caller)).stream()
			.map(hit -> new SimilarCase(CaseLibrary.line(hit.found()), CaseView.of(hit, categories, directory))).toList();
	}

	/** A closed matter becomes a typical case, with the handling strategy and the regulations it relies on. */
	@PostMapping("/api/matters/{trackingNo}/typical-case")
	ResponseEntity<CaseView> promote(@PathVariable String trackingNo, @RequestBody TypicalRequest request,
			Authentication authentication) {
		var caller = requireWriter(authentication);
		matters.visible(caller, trackingNo)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No matter " + trackingNo + " you may see"));
		var closed = records.closed(trackingNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
				"Matter " + trackingNo + " is not closed: only a closed matter becomes a typical case"));
		var errors = new LinkedHashMap<String, String>();
		text(errors, "title", request.title(), 2, 200);
		text(errors, "strategy", request.strategy(), 5, 4000);
		optional(errors, "regulations", request.regulations(), 2000);
		invalid(errors);
		long matterId = Long.parseLong(closed.id().substring(CaseIndex.MATTER.length() + 1));
		var written = new TypicalCases.Written(matterId, request.title().strip(), closed.category(), closed.unit(), closed.grid(),
				closed.description(), request.strategy().strip(), strip(request.regulations()));
		return created(typical.add(written, caller.user(), clock.instant(), trackingNo), written, trackingNo);
	}

	/** A typical case written directly, not from one matter. */
	@PostMapping("/api/cases")
	ResponseEntity<CaseView> write(@RequestBody TypicalRequest request, Authentication authentication) {
		var caller = requireWriter(authentication);
		var errors = new LinkedHashMap<String, String>();
		text(errors, "title", request.title(), 2, 200);
		text(errors, "description", request.description(), 5, 4000);
		text(errors, "strategy", request.strategy(), 5, 4000);
		optional(errors, "regulations", request.regulations(), 2000);
		if (request.category() == null || categories.byCode(request.category()).isEmpty()) {
			errors.put("category", "one of the catalogue's category codes (GET /api/catalogue)");
		}
		if (request.unit() == null || directory.unit(request.unit()).isEmpty()) {
			errors.put("unit", "a unit of the organisation directory");
		}
		else if (request.grid() != null && !directory.grids(request.unit()).contains(request.grid())) {
			errors.put("grid", "a grid cell of unit " + request.unit() + ": " + directory.grids(request.unit()));
		}
		invalid(errors);
		var written = new TypicalCases.Written(null, request.title().strip(), request.category(), request.unit(), request.grid(),
				CaseRecords.redact(request.description().strip(), null, null), request.strategy().strip(), strip(request.regulations()));
		return created(typical.add(written, caller.user(), clock.instant(), null), written, null);
	}

	/** The index emptied and built again from the records, in the background; administrators only, audited. */
	@PostMapping("/api/cases/rebuild")
	ResponseEntity<Map<String, Object>> rebuild(Authentication authentication) {
		if (!Caller.of(authentication).inAny(Roles.ADMIN)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The case library is rebuilt by administrators");
		}
		if (!library.rebuildInTheBackground()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The case library is being built already");
		}
		audit.record(authentication.getName(), "cases.rebuild", "case library", "rebuild started");
		return ResponseEntity.accepted().body(Map.of("rebuilding", true, "progress", "/api/cases?size=1 (complete: true when done)"));
	}

	@ExceptionHandler(TypicalCases.AlreadyTypical.class)
	ResponseEntity<ProblemDetail> already(TypicalCases.AlreadyTypical already) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, already.getMessage()));
	}

	/** The new typical case, searchable at once on this node (the others take it at their next refresh). */
	private ResponseEntity<CaseView> created(long id, TypicalCases.Written written, String trackingNo) {
		library.takeNow();
		var found = new CaseIndex.Case(CaseIndex.TYPICAL + ":" + id, CaseIndex.TYPICAL, trackingNo, written.title(), written.category(),
				written.unit(), null, written.grid(), List.of(), written.description(), written.strategy(), written.regulations(),
				"典型案例", null, null);
		return ResponseEntity.created(URI.create("/api/cases?typical=true"))
			.body(CaseView.of(new CaseIndex.Hit(found, 0), categories, directory));
	}

	/** Departments and the dispatch centre write typical cases (and administrators). */
	private Caller requireWriter(Authentication authentication) {
		var caller = Caller.of(authentication);
		boolean department = caller.groups().stream().anyMatch(group -> group.startsWith("dept-"));
		if (!department && !caller.inAny(Roles.DISPATCH_CENTRE, Roles.ADMIN)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Typical cases are written by departments and the dispatch centre");
		}
		return caller;
	}

	private static void text(Map<String, String> errors, String field, String value, int min, int max) {
		int length = value == null ? 0 : value.strip().length();
		if (length < min || length > max) {
			errors.put(field, "from " + min + " to " + max + " characters");
		}
	}

	private static void optional(Map<String, String> errors, String field, String value, int max) {
		if (value != null && value.strip().length() > max) {
			errors.put(field, "at most " + max + " characters");
		}
	}

	private static String strip(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static void invalid(Map<String, String> errors) {
		if (!errors.isEmpty()) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is invalid: " + String.join(", ", errors.keySet()));
			problem.setProperty("errors", errors);
			throw new InvalidCaseRequest(problem);
		}
	}

	/** A bad request, answered with its problem details. */
	static final class InvalidCaseRequest extends org.springframework.web.ErrorResponseException {

		InvalidCaseRequest(ProblemDetail problem) {
			super(HttpStatus.BAD_REQUEST, problem, null);
		}

	}

}
