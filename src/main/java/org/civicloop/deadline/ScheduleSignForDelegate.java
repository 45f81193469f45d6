package org.civicloop.deadline;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.model.MatterHandling.Limits;
import org.civicloop.organization.Directory;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * Sets the sign-for due date, warning time and supervision time that the sign-for task and its timers read, and
 * who supervises the matter if nobody signs for it in time.
 */
@Component("scheduleSignForDelegate")
class ScheduleSignForDelegate implements JavaDelegate {

	private final Deadlines deadlines;

	private final Directory directory;

	ScheduleSignForDelegate(Deadlines deadlines, Directory directory) {
		this.deadlines = deadlines;
		this.directory = directory;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var schedule = deadlines.schedule(Deadlines.limit(execution, Limits.SIGN_FOR));
		execution.setVariable(SIGN_FOR_WARN_AT, schedule.warnAtDate());
		execution.setVariable(SIGN_FOR_DUE, schedule.dueDate());
		execution.setVariable(SIGN_FOR_DUE_TEXT, deadlines.shown(schedule.due()));
		execution.setVariable(SIGN_FOR_SUPERVISE_AT, Date.from(deadlines.supervisedAt(schedule.due())));
		execution.setVariable(SUPERVISOR, directory.supervisorOf((String) execution.getVariable(LEAD_DEPARTMENT)));
	}

}
