package org.civicloop.matter.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.civicloop.matter.Categories;
import org.civicloop.matter.Contact;
import org.civicloop.matter.EvaluationTokens;
import org.civicloop.matter.Intake;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.events.ReporterContactDisclosed;
import org.civicloop.matter.store.MatterQueries;
import org.civicloop.matter.store.Timeline;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The REST facade for county systems and staff: intake from every channel, reads of matters with their
 * responsibility chain, and the reporter's contact for those handling a matter.
 */
@RestController
class MatterController {

	private static final Map<String, String> SORTS = Map.of("registeredAt", "registered_at", "dueAt", "due_at");

	private final Intake intake;

	private final Matters matters;

	private final MatterQueries queries;

	private final Timeline timeline;

	private final Categories categories;

	private final Directory directory;

	private final EvaluationTokens tokens;

	private final ApplicationEventPublisher events;

	private final java.time.Clock clock;

	MatterController(Intake intake, Matters matters, MatterQueries queries, Timeline timeline, Categories categories,
			Directory directory, EvaluationTokens tokens, ApplicationEventPublisher events, java.time.Clock clock) {
		this.clock = clock;
		this.intake = intake;
		this.matters = matters;
		this.queries = queries;
		this.timeline = timeline;
		this.categories = categories;
		this.directory = directory;
		this.tokens = tokens;
		this.events = events;
	}

	/**
	 * Registers a matter (201, Location) or merges it into the open matter it repeats (200, duplicateOf).
	 * With an {@code Idempotency-Key}, a retry gets the first answer again, marked {@code Idempotent-Replayed}.
	 */
	@PostMapping("/api/matters")
	ResponseEntity<IntakeAnswer> register(@RequestBody IntakeRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication authentication) {
		Caller caller = Caller.of(authentication);
		if (!caller.mayRegister()) {
			throw new AccessDeniedException("Only intake systems and the dispatch centre register matters");
		}
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
			throw new NewMatter.InvalidMatterException(Map.of("Idempotency-Key", "must be 1 to 200 characters"));
		}
		NewMatter report = request.toNewMatter();
		Intake.Outcome outcome;
		try {
			outcome = intake.register(report, caller, idempotencyKey);
		}
		catch (DuplicateKeyException sameKeyInFlight) {
			outcome = intake.replay(caller.user(), idempotencyKey);
		}
		Matter matter = outcome.matter();
		String token = outcome.duplicate() ? null : tokens.of(matter.trackingNo());
		var answer = new IntakeAnswer(matter.trackingNo(), matter.progress().stage(), outcome.duplicate() ? matter.trackingNo() : null,
				token, "/api/matters/" + matter.trackingNo(),
				token == null ? null : "/api/public/matters/" + matter.trackingNo() + "?token=" + token);
		var response = outcome.duplicate() ? ResponseEntity.ok() : ResponseEntity.created(URI.create(answer.self()));
		if (outcome.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(answer);
	}

	@GetMapping("/api/matters/{trackingNo}")
	MatterView matter(@PathVariable String trackingNo, Authentication authentication) {
		Matter matter = queries.visible(Caller.of(authentication), trackingNo).orElseThrow(() -> notFound(trackingNo));
		return MatterView.of(matter, timeline.of(matter.id()), categories, directory, clock.instant());
	}

	/**
	 * One page of a matter list, and how many matters the filters find in all — at most 10,000 are counted;
	 * {@code totalCapped} says when more match.
	 */
	record Page(List<MatterView> items, int page, int size, long total, boolean totalCapped) {
	}

	@GetMapping("/api/matters")
	Page matters(@RequestParam(required = false) String unit,
			@RequestParam(required = false) String department, @RequestParam(required = false) String stage,
			@RequestParam(required = false) String category, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(defaultValue = "registeredAt,desc") String sort, Authentication authentication) {
		if (page < 0 || size < 1 || size > 100) {
			throw new NewMatter.InvalidMatterException(Map.of("page", "must be 0 or more; size between 1 and 100"));
		}
		String[] parts = sort.split(",");
		String column = SORTS.get(parts[0]);
		String direction = parts.length > 1 ? parts[1].toLowerCase() : "asc";
		if (column == null || !(direction.equals("asc") || direction.equals("desc"))) {
			throw new NewMatter.InvalidMatterException(Map.of("sort", "must be registeredAt or dueAt, then asc or desc"));
		}
		var result = queries.list(Caller.of(authentication),
				new MatterQueries.Filter(unit, department, stage, category, overdue, from, to), page, size,
				new MatterQueries.Sort(column, direction.equals("desc")));
		Instant now = clock.instant();
		List<MatterView> items = result.items().stream()
			.map(matter -> MatterView.of(matter, List.of(), categories, directory, now)).toList();
		return new Page(items, result.page(), result.size(), result.total(), result.totalCapped());
	}

	/**
	 * The reporter's name and phone: in full for the dispatch centre and the departments handling the
	 * matter (and recorded in the audit trail), masked for everyone else.
	 */
	@GetMapping("/api/matters/{trackingNo}/reporter")
	@Transactional
	ReporterView reporter(@PathVariable String trackingNo, Authentication authentication) {
		Caller caller = Caller.of(authentication);
		Matter matter = matters.byTrackingNo(trackingNo).orElseThrow(() -> notFound(trackingNo));
		Contact reporter = matter.report().reporter();
		if (!matter.isHandledByAnyOf(caller.groups())) {
			return new ReporterView(trackingNo, Contact.maskName(reporter.name()), Contact.maskPhone(reporter.phone()), true);
		}
		events.publishEvent(new ReporterContactDisclosed(trackingNo, caller.user()));
		return new ReporterView(trackingNo, reporter.name(), reporter.phone(), false);
	}

	private static ResponseStatusException notFound(String trackingNo) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No matter " + trackingNo + " that you may see");
	}

	record IntakeAnswer(String trackingNo, String stage, String duplicateOf, String evaluationToken, String self,
			String publicProgress) {
	}

	record ReporterView(String trackingNo, String name, String phone, boolean masked) {
	}

}
