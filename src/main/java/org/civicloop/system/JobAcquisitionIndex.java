package org.civicloop.system;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The index job acquisition by due date needs ({@code jobExecutorAcquireByDueDate}): without it each
 * acquisition reads every runtime job — two timers per open matter — to sort the due ones. The engine's own
 * schema has no such index, so CivicLoop adds it once the engine has created its tables.
 */
@Component
class JobAcquisitionIndex implements ApplicationRunner {

	private final JdbcClient jdbc;

	JobAcquisitionIndex(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		jdbc.sql("create index if not exists civicloop_job_due on act_ru_job (duedate_)").update();
	}

}
