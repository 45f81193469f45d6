package org.civicloop.deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.model.MatterHandling.Limits;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/** Sets the sign-for due date and warning time that the sign-for task and its timers read. */
@Component("scheduleSignForDelegate")
class ScheduleSignForDelegate implements JavaDelegate {

	private final Deadlines deadlines;

	ScheduleSignForDelegate(Deadlines deadlines) {
		this.deadlines = deadlines;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var schedule = deadlines.schedule(Deadlines.limit(execution, Limits.SIGN_FOR));
		execution.setVariable(SIGN_FOR_WARN_AT, schedule.warnAtDate());
		execution.setVariable(SIGN_FOR_DUE, schedule.dueDate());
		execution.setVariable(SIGN_FOR_DUE_TEXT, deadlines.shown(schedule.due()));
	}

}
