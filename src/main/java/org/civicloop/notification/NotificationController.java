package org.civicloop.notification;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.civicloop.organization.Caller;
import org.civicloop.organization.Roles;
import org.civicloop.security.Audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Each cadre's inbox; the outbox's deliveries for operators, who may send a dead one again. */
@RestController
class NotificationController {

	private static final Set<String> STATES = Set.of("pending", "sent", "dead");

	private final Notifications notifications;

	private final Audit audit;

	NotificationController(Notifications notifications, Audit audit) {
		this.notifications = notifications;
		this.audit = audit;
	}

	/** The caller's notifications, newest first (at most {@code limit}, 1–500). */
	@GetMapping("/api/me/notifications")
	List<Notifications.InboxEntry> inbox(@RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(defaultValue = "50") int limit, Authentication caller) {
		return notifications.inbox(caller.getName(), unread, Math.min(Math.max(limit, 1), 500));
	}

	/** Marks one of the caller's own notifications read (again is harmless); 404 for any other. */
	@PostMapping("/api/me/notifications/{id}/read")
	ResponseEntity<Void> read(@PathVariable long id, Authentication caller) {
		if (!notifications.markRead(id, caller.getName(), Instant.now())) {
			throw new NotFound("You have no notification " + id);
		}
		return ResponseEntity.noContent().build();
	}

	/** Deliveries in a state ({@code dead} by default), latest first; operators and administrators. */
	@GetMapping("/api/notifications/deliveries")
	List<Notifications.Delivery> deliveries(@RequestParam(defaultValue = "dead") String state,
			@RequestParam(defaultValue = "100") int limit, Authentication caller) {
		operatorsOnly(caller);
		if (!STATES.contains(state)) {
			throw new BadState(state);
		}
		return notifications.deliveries(state, Math.min(Math.max(limit, 1), 1000));
	}

	/** Sends a dead delivery again from its first attempt; audited. */
	@PostMapping("/api/notifications/deliveries/{id}/retry")
	ResponseEntity<Void> retry(@PathVariable long id, Authentication caller) {
		operatorsOnly(caller);
		if (!notifications.retry(id, Instant.now())) {
			throw new NotFound("There is no dead delivery " + id);
		}
		audit.record(caller.getName(), "notification.retry", "delivery " + id, null);
		return ResponseEntity.noContent().build();
	}

	private static void operatorsOnly(Authentication caller) {
		if (!Caller.of(caller).inAny(Roles.OPERATORS, Roles.ADMIN)) {
			throw new AccessDeniedException("Deliveries are for operators and administrators");
		}
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound missing) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, missing.getMessage());
	}

	@ExceptionHandler(BadState.class)
	ProblemDetail badState(BadState bad) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, bad.getMessage());
	}

	private static final class NotFound extends RuntimeException {

		NotFound(String message) {
			super(message);
		}

	}

	private static final class BadState extends RuntimeException {

		BadState(String state) {
			super("state must be pending, sent or dead, not " + state);
		}

	}

}
