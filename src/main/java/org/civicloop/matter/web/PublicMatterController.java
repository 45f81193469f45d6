package org.civicloop.matter.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.civicloop.matter.Categories;
import org.civicloop.matter.Contact;
import org.civicloop.matter.EvaluationTokens;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.store.Timeline;
import org.civicloop.organization.Directory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a citizen sees by tracking number, without an account but with their evaluation token or phone
 * number: the stages with their times and the responsible department (never the cadre), the phone masked,
 * no name or exact address; and the citizen's own rating, with the evaluation token handed out at intake.
 */
@RestController
class PublicMatterController {

	private static final Set<Timeline.Kind> SHOWN = Set.of(Timeline.Kind.REGISTERED, Timeline.Kind.ROUTED,
			Timeline.Kind.SIGNED, Timeline.Kind.RETURNED, Timeline.Kind.REDISPATCHED, Timeline.Kind.HANDLED,
			Timeline.Kind.SENT_BACK, Timeline.Kind.ACCEPTED, Timeline.Kind.VISITED, Timeline.Kind.CITIZEN_EVALUATED,
			Timeline.Kind.REWORK, Timeline.Kind.CLOSED);

	private static final Set<String> SATISFACTION = Set.of("satisfied", "basically-satisfied", "unsatisfied");

	private final Matters matters;

	private final Timeline timeline;

	private final Categories categories;

	private final Directory directory;

	private final MatterProcess process;

	private final EvaluationTokens tokens;

	PublicMatterController(Matters matters, Timeline timeline, Categories categories, Directory directory,
			MatterProcess process, EvaluationTokens tokens) {
		this.matters = matters;
		this.timeline = timeline;
		this.categories = categories;
		this.directory = directory;
		this.process = process;
		this.tokens = tokens;
	}

	/**
	 * A matter's progress for the citizen who reported it: with the evaluation token handed out at intake, or
	 * with the phone number they reported from. Without either, a matter is not found, whether it exists or not.
	 */
	@GetMapping("/api/public/matters/{trackingNo}")
	Progress progress(@PathVariable String trackingNo, @RequestParam(required = false) String token,
			@RequestParam(required = false) String phone) {
		Matter matter = matters.byTrackingNo(trackingNo)
			.filter(found -> tokens.matches(found.trackingNo(), token) || samePhone(found.report().reporter().phone(), phone))
			.orElseThrow(() -> notFound(trackingNo));
		List<Step> steps = timeline.of(matter.id()).stream().filter(entry -> SHOWN.contains(entry.kind()))
			.map(entry -> new Step(entry.kind().name().toLowerCase(), entry.stage(), entry.at(),
					entry.department() == null ? null : directory.officeName(entry.department())))
			.toList();
		var progress = matter.progress();
		String lead = progress.leadDepartment();
		return new Progress(matter.trackingNo(), categories.nameOf(matter.report().category()),
				directory.unit(matter.report().unitId()).map(unit -> unit.name()).orElse(null), progress.stage(),
				matter.isClosed() ? "closed" : "open", progress.registeredAt(), progress.dueAt(), progress.closedAt(),
				Contact.maskPhone(matter.report().reporter().phone()), lead == null ? null : directory.officeName(lead),
				progress.satisfaction(), steps);
	}

	/** The citizen rates the outcome: completes the waiting return visit (204), or says why it cannot. */
	@PostMapping("/api/public/matters/{trackingNo}/evaluation")
	ResponseEntity<Void> evaluate(@PathVariable String trackingNo, @RequestBody Evaluation evaluation) {
		Matter matter = matters.byTrackingNo(trackingNo).orElseThrow(() -> notFound(trackingNo));
		if (evaluation == null || !tokens.matches(matter.trackingNo(), evaluation.token())) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The evaluation token does not belong to this matter");
		}
		if (!SATISFACTION.contains(evaluation.satisfaction()) || evaluation.resolved() == null
				|| (evaluation.comment() != null && evaluation.comment().length() > 1000)) {
			throw new NewMatter.InvalidMatterException(Map.of("satisfaction",
					"must be satisfied, basically-satisfied or unsatisfied; resolved true or false; comment at most 1000 characters"));
		}
		try {
			process.evaluate(trackingNo, evaluation.satisfaction(), evaluation.resolved(), evaluation.comment());
		}
		catch (MismatchingMessageCorrelationException notWaiting) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Matter " + trackingNo + " is not waiting for an evaluation (stage " + matter.progress().stage() + ")");
		}
		return ResponseEntity.noContent().build();
	}

	private static boolean samePhone(String reported, String given) {
		return reported != null && given != null && java.security.MessageDigest.isEqual(
				reported.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				given.replaceAll("[\\s-]", "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static ResponseStatusException notFound(String trackingNo) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No matter " + trackingNo
				+ " for this token or phone number; give the token from your receipt or the phone you reported from");
	}

	record Progress(String trackingNo, String category, String unit, String stage, String status, Instant registeredAt,
			Instant expectedBy, Instant closedAt, String reporterPhone, String responsibleDepartment, String satisfaction,
			List<Step> steps) {
	}

	record Step(String event, String stage, Instant at, String department) {
	}

	record Evaluation(String token, String satisfaction, Boolean resolved, String comment) {
	}

}
