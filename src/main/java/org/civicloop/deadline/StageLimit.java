package org.civicloop.deadline;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.system.EngineWork;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * Moves a matter's sign-for or handling limit — by an extension or a supervisor's new limit — with everything
 * that follows it: the variables the forms and timers read, the due date of the stage's tasks, and the warning,
 * urge and supervision timers still waiting, so the old moments never fire; a warning, urge or supervision that
 * already fired is armed again for the new limit, so a matter overdue once is warned, urged and supervised again
 * if it runs over its new limit too. Runs as the application: whoever decided may decide, not reschedule the
 * engine's jobs.
 */
@Component
class StageLimit {

	/** What follows a stage's limit: its variables, its tasks (the first the one the timers hang on) and its timers. */
	enum Stage {

		SIGN_FOR(MatterHandling.Stages.SIGN_FOR, SIGN_FOR_DUE, SIGN_FOR_WARN_AT, SIGN_FOR_DUE_TEXT, SIGN_FOR_SUPERVISE_AT,
				List.of(MatterHandling.Tasks.SIGN_FOR), Set.of("timer_signForWarning", "timer_signForUrge", "timer_signForSupervision")),
		HANDLE(MatterHandling.Stages.HANDLE, HANDLE_DUE, HANDLE_WARN_AT, HANDLE_DUE_TEXT, HANDLE_SUPERVISE_AT,
				List.of(MatterHandling.Tasks.HANDLE, MatterHandling.Tasks.CO_HANDLE),
				Set.of("timer_handleWarning", "timer_handleUrge", "timer_handleSupervision"));

		final String name;

		final String due;

		final String warnAt;

		final String dueText;

		final String superviseAt;

		final List<String> tasks;

		final Set<String> timers;

		Stage(String name, String due, String warnAt, String dueText, String superviseAt, List<String> tasks, Set<String> timers) {
			this.name = name;
			this.due = due;
			this.warnAt = warnAt;
			this.dueText = dueText;
			this.superviseAt = superviseAt;
			this.tasks = tasks;
			this.timers = timers;
		}

	}

	private final Deadlines deadlines;

	private final EngineWork engine;

	StageLimit(Deadlines deadlines, EngineWork engine) {
		this.deadlines = deadlines;
		this.engine = engine;
	}

	/** Whether the stage's task is still open. */
	boolean open(DelegateExecution execution, Stage stage) {
		TaskService tasks = execution.getProcessEngineServices().getTaskService();
		return engine.asApplication(() -> tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(stage.tasks.get(0)).count() > 0);
	}

	/** The stage's due date now. */
	Instant due(DelegateExecution execution, Stage stage) {
		return ((Date) execution.getVariable(stage.due)).toInstant();
	}

	/**
	 * Moves the stage's limit to {@code limit} counted from {@code start} — the old due date for an extension, the
	 * decision for a supervisor's new limit — the warning to {@code warn-at-fraction} of it; answers the new due date.
	 */
	Instant move(DelegateExecution execution, Stage stage, TimeLimit limit, Instant start) {
		var moved = deadlines.schedule(limit, start);
		var old = new Deadlines.Schedule(((Date) execution.getVariable(stage.warnAt)).toInstant(), due(execution, stage));
		Instant oldSupervision = execution.getVariable(stage.superviseAt) instanceof Date at ? at.toInstant() : null;
		Instant supervision = deadlines.supervisedAt(moved.due());
		execution.setVariable(stage.due, moved.dueDate());
		execution.setVariable(stage.warnAt, moved.warnAtDate());
		execution.setVariable(stage.dueText, deadlines.shown(moved.due()));
		execution.setVariable(stage.superviseAt, Date.from(supervision));
		engine.asApplication(() -> {
			String instance = execution.getProcessInstanceId();
			TaskService tasks = execution.getProcessEngineServices().getTaskService();
			for (var task : tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKeyIn(stage.tasks.toArray(String[]::new)).list()) {
				tasks.setDueDate(task.getId(), moved.dueDate());
			}
			ManagementService management = execution.getProcessEngineServices().getManagementService();
			for (String timer : stage.timers) {
				for (var job : management.createJobQuery().processInstanceId(instance).activityId(timer).list()) {
					Instant at = job.getDuedate().toInstant();
					if (at.equals(old.due())) {
						management.setJobDuedate(job.getId(), moved.dueDate());
					}
					else if (at.equals(old.warnAt())) {
						management.setJobDuedate(job.getId(), moved.warnAtDate());
					}
					else if (at.equals(oldSupervision)) {
						management.setJobDuedate(job.getId(), Date.from(supervision));
					}
				}
			}
			rearm(execution, stage, tasks, management);
			return null;
		});
		return moved.due();
	}

	/**
	 * Creates again, from the model's own timer declarations and the moved variables, each of the stage task's
	 * limit timers that fired already and so has no job any more.
	 */
	private static void rearm(DelegateExecution execution, Stage stage, TaskService tasks, ManagementService management) {
		var task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(stage.tasks.get(0)).singleResult();
		if (task == null) {
			return;
		}
		ExecutionEntity scope = Context.getCommandContext().getExecutionManager().findExecutionById(task.getExecutionId());
		TimerDeclarationImpl.getDeclarationsForScope(scope.getActivity()).forEach((timer, declaration) -> {
			boolean waiting = management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).activityId(timer).count() > 0;
			if (stage.timers.contains(timer) && !waiting) {
				declaration.createTimer(scope);
			}
		});
	}

}
