package org.civicloop.security;

import org.civicloop.matter.events.ReporterContactDisclosed;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What other modules' events put in the audit trail: every full read of a reporter's contact. */
@Component
class AuditTrail {

	private final Audit audit;

	AuditTrail(Audit audit) {
		this.audit = audit;
	}

	@EventListener
	void on(ReporterContactDisclosed disclosed) {
		audit.record(disclosed.userId(), "reporter.read", disclosed.trackingNo(), null);
	}

}
