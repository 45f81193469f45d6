package org.civicloop.deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.model.MatterHandling.Limits;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/** Sets the handling due date and warning time; each round of handling (send-back, rework) starts afresh. */
@Component("scheduleHandlingDelegate")
class ScheduleHandlingDelegate implements JavaDelegate {

	private final Deadlines deadlines;

	ScheduleHandlingDelegate(Deadlines deadlines) {
		this.deadlines = deadlines;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var schedule = deadlines.schedule(Deadlines.limit(execution, Limits.HANDLE));
		execution.setVariable(HANDLE_WARN_AT, schedule.warnAtDate());
		execution.setVariable(HANDLE_DUE, schedule.dueDate());
		execution.setVariable(HANDLE_DUE_TEXT, deadlines.shown(schedule.due()));
	}

}
