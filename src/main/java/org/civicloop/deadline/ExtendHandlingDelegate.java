package org.civicloop.deadline;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.system.EngineWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * An approved extension (延期): the handling limit moves by the working days the dispatch centre granted,
 * counted from the old due date by the calendar. The due date of the handling and co-handling tasks moves,
 * and so do the handling timers still waiting — the warning to {@code warn-at-fraction} of the granted days
 * past the old due date, the urge to the new one — so the old moments never fire. A warning that already
 * fired does not fire again. An approval that comes after handling finished moves nothing. Runs as the
 * application: the dispatcher who approved may decide, not reschedule the engine's jobs.
 */
@Component("extendHandlingDelegate")
class ExtendHandlingDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(ExtendHandlingDelegate.class);

	private final Deadlines deadlines;

	private final EngineWork engine;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ExtendHandlingDelegate(Deadlines deadlines, EngineWork engine, ApplicationEventPublisher events, Clock clock) {
		this.deadlines = deadlines;
		this.engine = engine;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (!(execution.getVariable(EXTENSION_DAYS) instanceof Number granted) || granted.intValue() < 1) {
			throw new IllegalStateException("an approved extension needs extensionDays of at least 1");
		}
		TaskService tasks = execution.getProcessEngineServices().getTaskService();
		boolean handling = engine.asApplication(() -> tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(MatterHandling.Tasks.HANDLE).count() > 0);
		if (!handling) {
			log.info("Matter {}: extension approved after handling finished; no limit to move", execution.getVariable(TRACKING_NO));
			return;
		}
		var limit = new TimeLimit(granted.intValue(), LimitUnit.WORKING_DAYS);
		Instant oldDue = ((Date) execution.getVariable(HANDLE_DUE)).toInstant();
		Instant oldWarnAt = ((Date) execution.getVariable(HANDLE_WARN_AT)).toInstant();
		var moved = deadlines.extend(oldDue, limit);
		execution.setVariable(HANDLE_DUE, moved.dueDate());
		execution.setVariable(HANDLE_WARN_AT, moved.warnAtDate());
		execution.setVariable(HANDLE_DUE_TEXT, deadlines.shown(moved.due()));
		engine.asApplication(() -> {
			move(execution, oldDue, oldWarnAt, moved);
			return null;
		});
		events.publishEvent(new MatterEvent.Extended(MatterEvents.ref(execution), clock.instant(), MatterHandling.Stages.HANDLE,
				(String) execution.getVariable(LEAD_DEPARTMENT), limit.amount(), moved.due()));
	}

	/** The handling tasks due at the old limit, and the timers waiting for its warning or its end. */
	private static void move(DelegateExecution execution, Instant oldDue, Instant oldWarnAt, Deadlines.Schedule moved) {
		String instance = execution.getProcessInstanceId();
		TaskService tasks = execution.getProcessEngineServices().getTaskService();
		for (var task : tasks.createTaskQuery().processInstanceId(instance)
			.taskDefinitionKeyIn(MatterHandling.Tasks.HANDLE, MatterHandling.Tasks.CO_HANDLE).list()) {
			if (task.getDueDate() != null && task.getDueDate().toInstant().equals(oldDue)) {
				tasks.setDueDate(task.getId(), moved.dueDate());
			}
		}
		ManagementService management = execution.getProcessEngineServices().getManagementService();
		for (var timer : management.createJobQuery().processInstanceId(instance).timers().list()) {
			Instant at = timer.getDuedate().toInstant();
			if (at.equals(oldDue)) {
				management.setJobDuedate(timer.getId(), moved.dueDate());
			}
			else if (at.equals(oldWarnAt)) {
				management.setJobDuedate(timer.getId(), moved.warnAtDate());
			}
		}
	}

}
