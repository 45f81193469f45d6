package org.civicloop.matter.web;

import java.util.TreeMap;

import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.store.MatterQueries;
import org.civicloop.organization.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A handler's request for more time (延期), which the dispatch centre approves or refuses in Tasklist. */
@RestController
class ExtensionController {

	private final MatterQueries queries;

	private final MatterProcess process;

	ExtensionController(MatterQueries queries, MatterProcess process) {
		this.queries = queries;
		this.process = process;
	}

	/**
	 * Working days (1–30) and a reason (5–500 characters). 202: the dispatch centre decides in Tasklist
	 * (待审批延期) while handling goes on; on approval the handling limit, its warning and its urge move.
	 * 404 for a matter the caller may not see, 403 for anyone but the cadre handling it, 409 when it is not in
	 * handling or an earlier request waits; bad input is 400 and changes nothing.
	 */
	@PostMapping("/api/matters/{trackingNo}/extension-requests")
	ResponseEntity<Requested> request(@PathVariable String trackingNo, @RequestBody Request request, Authentication authentication) {
		if (queries.visible(Caller.of(authentication), trackingNo).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No matter " + trackingNo + " that you may see");
		}
		var errors = new TreeMap<String, String>();
		if (request.workingDays() == null || request.workingDays() < 1 || request.workingDays() > 30) {
			errors.put("workingDays", "must be a whole number of working days from 1 to 30");
		}
		String reason = request.reason() == null ? "" : request.reason().strip();
		if (reason.length() < 5 || reason.length() > 500) {
			errors.put("reason", "must say why, in 5 to 500 characters");
		}
		if (!errors.isEmpty()) {
			throw new NewMatter.InvalidMatterException(errors);
		}
		process.requestExtension(trackingNo, authentication.getName(), request.workingDays(), reason);
		return ResponseEntity.accepted().body(new Requested(trackingNo, request.workingDays(), "waiting for the dispatch centre"));
	}

	record Request(Integer workingDays, String reason) {
	}

	record Requested(String trackingNo, int workingDays, String state) {
	}

}
