package org.civicloop.deadline;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.model.MatterHandling.Limits;
import org.civicloop.organization.Directory;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * Sets the handling due date, warning time and supervision time, and who supervises; each round of handling
 * (send-back, rework) starts afresh.
 */
@Component("scheduleHandlingDelegate")
class ScheduleHandlingDelegate implements JavaDelegate {

	private final Deadlines deadlines;

	private final Directory directory;

	ScheduleHandlingDelegate(Deadlines deadlines, Directory directory) {
		this.deadlines = deadlines;
		this.directory = directory;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var schedule = deadlines.schedule(Deadlines.limit(execution, Limits.HANDLE));
		execution.setVariable(HANDLE_WARN_AT, schedule.warnAtDate());
		execution.setVariable(HANDLE_DUE, schedule.dueDate());
		execution.setVariable(HANDLE_DUE_TEXT, deadlines.shown(schedule.due()));
		execution.setVariable(HANDLE_SUPERVISE_AT, Date.from(deadlines.supervisedAt(schedule.due())));
		execution.setVariable(SUPERVISOR, directory.supervisorOf((String) execution.getVariable(LEAD_DEPARTMENT)));
	}

}
