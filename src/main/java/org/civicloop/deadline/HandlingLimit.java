package org.civicloop.deadline;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.system.EngineWork;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * Moves a matter's handling limit — by an extension or a supervisor's new limit — with everything that
 * follows it: the variables the forms and timers read, the due date of the handling and co-handling tasks, and
 * the warning, urge and supervision timers still waiting, so the old moments never fire; a warning, urge or
 * supervision that already fired is armed again for the new limit, so a matter overdue once is warned, urged
 * and supervised again if it runs over its new limit too. Runs as the application: whoever decided may decide,
 * not reschedule the engine's jobs.
 */
@Component
class HandlingLimit {

	/** The handling task's timers that follow its limit: the warning, the urge and the supervision. */
	private static final java.util.Set<String> LIMIT_TIMERS = java.util.Set.of("timer_handleWarning", "timer_handleUrge",
			"timer_handleSupervision");

	private final Deadlines deadlines;

	private final EngineWork engine;

	HandlingLimit(Deadlines deadlines, EngineWork engine) {
		this.deadlines = deadlines;
		this.engine = engine;
	}

	/** Whether the matter's handling task is still open. */
	boolean open(DelegateExecution execution) {
		TaskService tasks = execution.getProcessEngineServices().getTaskService();
		return engine.asApplication(() -> tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(MatterHandling.Tasks.HANDLE).count() > 0);
	}

	/** The handling limit's due date now. */
	Instant due(DelegateExecution execution) {
		return ((Date) execution.getVariable(HANDLE_DUE)).toInstant();
	}

	/**
	 * Moves the handling limit to {@code limit} counted from {@code start} — the old due date for an extension,
	 * the decision for a supervisor's new limit — the warning to {@code warn-at-fraction} of it; answers the new
	 * due date.
	 */
	Instant move(DelegateExecution execution, TimeLimit limit, Instant start) {
		var moved = deadlines.schedule(limit, start);
		var old = new Deadlines.Schedule(((Date) execution.getVariable(HANDLE_WARN_AT)).toInstant(), due(execution));
		Instant oldSupervision = execution.getVariable(HANDLE_SUPERVISE_AT) instanceof Date at ? at.toInstant() : null;
		Instant supervision = deadlines.supervisedAt(moved.due());
		execution.setVariable(HANDLE_DUE, moved.dueDate());
		execution.setVariable(HANDLE_WARN_AT, moved.warnAtDate());
		execution.setVariable(HANDLE_DUE_TEXT, deadlines.shown(moved.due()));
		execution.setVariable(HANDLE_SUPERVISE_AT, Date.from(supervision));
		engine.asApplication(() -> {
			String instance = execution.getProcessInstanceId();
			TaskService tasks = execution.getProcessEngineServices().getTaskService();
			for (var task : tasks.createTaskQuery().processInstanceId(instance)
				.taskDefinitionKeyIn(MatterHandling.Tasks.HANDLE, MatterHandling.Tasks.CO_HANDLE).list()) {
				tasks.setDueDate(task.getId(), moved.dueDate());
			}
			ManagementService management = execution.getProcessEngineServices().getManagementService();
			for (var timer : management.createJobQuery().processInstanceId(instance).timers().list()) {
				Instant at = timer.getDuedate().toInstant();
				if (at.equals(old.due())) {
					management.setJobDuedate(timer.getId(), moved.dueDate());
				}
				else if (at.equals(old.warnAt())) {
					management.setJobDuedate(timer.getId(), moved.warnAtDate());
				}
				else if (at.equals(oldSupervision)) {
					management.setJobDuedate(timer.getId(), Date.from(supervision));
				}
			}
			rearm(execution, tasks, management);
			return null;
		});
		return moved.due();
	}

	/**
	 * Creates again, from the model's own timer declarations and the moved variables, each of the handling
	 * task's limit timers that fired already and so has no job any more.
	 */
	private static void rearm(DelegateExecution execution, TaskService tasks, ManagementService management) {
		var handling = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(MatterHandling.Tasks.HANDLE).singleResult();
		if (handling == null) {
			return;
		}
		ExecutionEntity scope = Context.getCommandContext().getExecutionManager().findExecutionById(handling.getExecutionId());
		TimerDeclarationImpl.getDeclarationsForScope(scope.getActivity()).forEach((timer, declaration) -> {
			boolean waiting = management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).activityId(timer).count() > 0;
			if (LIMIT_TIMERS.contains(timer) && !waiting) {
				declaration.createTimer(scope);
			}
		});
	}

}
