package org.civicloop.knowledge;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.civicloop.matter.Categories;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.organization.Unit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Hotspot warnings for those they concern: the county's roles see all, a town office its town's units, a village
 * committee its village, a department those it led. Acknowledged (someone looks into it) and closed with what was
 * done by them; leaders read only. Also on {@code /dashboard/api/hotspots} for the dashboard.
 */
@RestController
class HotspotController {

	private final Hotspots hotspots;

	private final CaseLibrary library;

	private final Directory directory;

	private final Categories categories;

	private final Clock clock;

	HotspotController(Hotspots hotspots, CaseLibrary library, Directory directory, Categories categories, Clock clock) {
		this.hotspots = hotspots;
		this.library = library;
		this.directory = directory;
		this.categories = categories;
		this.clock = clock;
	}

	record HotspotView(long id, String grid, String unit, String unitName, String category, String categoryName, int windowDays,
			int matters, double baseline, double pValue, String leadDepartment, String leadDepartmentName, Instant raisedAt,
			String state, String acknowledgedBy, Instant acknowledgedAt, String closedBy, Instant closedAt, String actionNote) {
	}

	record Action(String note) {
	}

	@GetMapping({ "/api/hotspots", "/dashboard/api/hotspots" })
	List<HotspotView> list(@RequestParam(required = false) String state, Authentication authentication) {
		if (state != null && !List.of("open", "acknowledged", "closed", "all").contains(state)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "state is open, acknowledged, closed or all, not " + state);
		}
		var caller = Caller.of(authentication);
		var visibility = library.visibility(caller);
		var found = visibility.everything() || supervises(caller) ? hotspots.list(null, null, state)
				: hotspots.list(List.copyOf(visibility.units()), List.copyOf(caller.groups()), state);
		return found.stream().map(this::view).toList();
	}

	@GetMapping("/api/hotspots/{id}")
	HotspotView one(@PathVariable long id, Authentication authentication) {
		return view(visible(id, Caller.of(authentication)));
	}

	@PostMapping("/api/hotspots/{id}/acknowledgement")
	@Transactional
	HotspotView acknowledge(@PathVariable long id, @RequestBody(required = false) Action action, Authentication authentication) {
		var caller = mayAct(id, authentication);
		String note = action == null || action.note() == null || action.note().isBlank() ? null : checked(action.note());
		if (!hotspots.acknowledge(id, caller.user(), clock.instant(), note)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Warning " + id + " is not open: acknowledged or closed already");
		}
		return view(hotspots.byId(id).orElseThrow());
	}

	@PostMapping("/api/hotspots/{id}/closure")
	@Transactional
	HotspotView close(@PathVariable long id, @RequestBody(required = false) Action action, Authentication authentication) {
		var caller = mayAct(id, authentication);
		if (action == null || action.note() == null || action.note().strip().length() < 2) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "A warning is closed with what was done");
			problem.setProperty("errors", Map.of("note", "what was done, 2 to 2000 characters"));
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		if (!hotspots.close(id, caller.user(), clock.instant(), checked(action.note()))) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Warning " + id + " is closed already");
		}
		return view(hotspots.byId(id).orElseThrow());
	}

	private Caller mayAct(long id, Authentication authentication) {
		var caller = Caller.of(authentication);
		visible(id, caller);
		if (caller.inAny(Roles.LEADERS) && !caller.inAny(Roles.ADMIN, Roles.DISPATCH_CENTRE)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Leaders read warnings; those they concern act on them");
		}
		return caller;
	}

	private Hotspots.Alert visible(long id, Caller caller) {
		var alert = hotspots.byId(id).orElse(null);
		var visibility = library.visibility(caller);
		boolean sees = alert != null && (visibility.everything() || supervises(caller)
				|| visibility.units().contains(alert.unit()) || caller.groups().contains(alert.leadDepartment()));
		if (!sees) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No warning " + id + " you may see");
		}
		return alert;
	}

	/** The county's supervision office follows every warning. */
	private boolean supervises(Caller caller) {
		return caller.inAny(directory.county().supervisor().id());
	}

	private static String checked(String note) {
		if (note.strip().length() > 2000) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The note is too long");
			problem.setProperty("errors", Map.of("note", "at most 2000 characters"));
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		return note.strip();
	}

	private HotspotView view(Hotspots.Alert alert) {
		return new HotspotView(alert.id(), alert.grid(), alert.unit(), directory.unit(alert.unit()).map(Unit::name).orElse(null),
				alert.category(), categories.nameOf(alert.category()), alert.windowDays(), alert.matters(),
				Math.round(alert.baseline() * 100) / 100.0, alert.pValue(), alert.leadDepartment(),
				alert.leadDepartment() == null ? null : directory.officeName(alert.leadDepartment()), alert.raisedAt(), alert.state(),
				alert.acknowledgedBy(), alert.acknowledgedAt(), alert.closedBy(), alert.closedAt(), alert.actionNote());
	}

}
