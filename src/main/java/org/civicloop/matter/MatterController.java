package org.civicloop.matter;

import java.util.Collection;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Staff reads of a matter that Tasklist does not offer: the reporter's contact, to those handling it. */
@RestController
class MatterController {

	private final Matters matters;

	private final ApplicationEventPublisher events;

	MatterController(Matters matters, ApplicationEventPublisher events) {
		this.matters = matters;
		this.events = events;
	}

	/**
	 * The reporter's name and phone: in full for the dispatch centre and the departments handling the
	 * matter (and recorded in the audit trail), masked for everyone else.
	 */
	@GetMapping("/api/matters/{trackingNo}/reporter")
	@Transactional
	ReporterView reporter(@PathVariable String trackingNo, Authentication caller) {
		Matter matter = matters.byTrackingNo(trackingNo)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No matter " + trackingNo));
		Contact reporter = matter.reporter();
		if (!matter.isHandledByAnyOf(groupsOf(caller))) {
			return new ReporterView(trackingNo, Contact.maskName(reporter.name()), Contact.maskPhone(reporter.phone()), true);
		}
		events.publishEvent(new ReporterContactDisclosed(trackingNo, caller.getName()));
		return new ReporterView(trackingNo, reporter.name(), reporter.phone(), false);
	}

	private static Collection<String> groupsOf(Authentication caller) {
		return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith("GROUP_")).map(authority -> authority.substring(6)).toList();
	}

	record ReporterView(String trackingNo, String name, String phone, boolean masked) {
	}

}
