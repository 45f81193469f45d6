package org.civicloop.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;


import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.civicloop.organization.Roles;

/** The audit trail for administrators. */
@RestController
class AuditController {

	private final Audit audit;

	AuditController(Audit audit) {
		this.audit = audit;
	}

	/** Audited acts since a moment (default: the last 7 days), newest first; administrators only. */
	@GetMapping("/api/audit")
	List<Audit.Entry> audit(@RequestParam(required = false) Instant since,
			@RequestParam(defaultValue = "500") int limit, Authentication caller) {
		if (caller.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("GROUP_" + Roles.ADMIN))) {
			throw new AccessDeniedException("The audit trail is for administrators");
		}
		return audit.since(since == null ? Instant.now().minus(7, ChronoUnit.DAYS) : since, Math.min(Math.max(limit, 1), 5000));
	}

}
