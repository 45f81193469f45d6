package org.civicloop.security;

import org.civicloop.TestTables;
import org.civicloop.matter.events.ReporterContactDisclosed;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail as a listener: each full read of a reporter's contact becomes one entry, naming who read. */
class AuditTrailUnitTests {

	@Test
	void aFullReadOfAReportersContactIsRecorded() {
		var jdbc = TestTables.fresh();
		var trail = new AuditTrail(new Audit(jdbc, new DefaultListableBeanFactory().getBeanProvider(org.camunda.bpm.engine.HistoryService.class)));

		trail.on(new ReporterContactDisclosed("CL20261130000042", "urban.wang"));

		assertThat(jdbc.sql("select actor, action, target from audit_event").query((rs, row) -> rs.getString(1) + " "
				+ rs.getString(2) + " " + rs.getString(3)).list()).containsExactly("urban.wang reporter.read CL20261130000042");
	}

}
