package org.civicloop.deadline;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.TaskPriorities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * A warning (黄灯, {@code alertKind=warning}) or an urge (催办/红灯, {@code alertKind=urge}) on the sign-for
 * or handling stage ({@code alertStage}), marked where cadres look: the stage's open task gets a comment and
 * a raised priority, so that it sorts first and shows under Tasklist's 即将超期 (or 已超期) filter. Then
 * published as a {@link MatterEvent} and logged with the tracking number and department only — never the
 * reporter.
 */
@Component("recordDeadlineAlertDelegate")
class RecordDeadlineAlertDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RecordDeadlineAlertDelegate.class);

	private static final Map<String, String> TASK_OF_STAGE = Map.of(MatterHandling.Stages.SIGN_FOR, MatterHandling.Tasks.SIGN_FOR,
			MatterHandling.Stages.HANDLE, MatterHandling.Tasks.HANDLE);

	private static final Map<String, String> STAGE_NAME = Map.of(MatterHandling.Stages.SIGN_FOR, "签收",
			MatterHandling.Stages.HANDLE, "办理");

	private final ApplicationEventPublisher events;

	private final Deadlines deadlines;

	private final Clock clock;

	RecordDeadlineAlertDelegate(ApplicationEventPublisher events, Deadlines deadlines, Clock clock) {
		this.events = events;
		this.deadlines = deadlines;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String kind = (String) execution.getVariable("alertKind");
		String stage = (String) execution.getVariable("alertStage");
		boolean urge = "urge".equals(kind);
		if (!urge && !"warning".equals(kind) || !TASK_OF_STAGE.containsKey(stage)) {
			throw new IllegalStateException("alertKind must be warning or urge and alertStage sign-for or handle, not " + kind + " " + stage);
		}
		Date due = (Date) execution.getVariable(MatterHandling.Stages.SIGN_FOR.equals(stage) ? SIGN_FOR_DUE : HANDLE_DUE);
		String department = (String) execution.getVariable(LEAD_DEPARTMENT);
		String assignee = mark(execution, stage, urge, due);
		var matter = MatterEvents.ref(execution);
		events.publishEvent(urge ? new MatterEvent.Urged(matter, clock.instant(), stage, department, due.toInstant(), assignee)
				: new MatterEvent.Warned(matter, clock.instant(), stage, department, due.toInstant(), assignee));
		log.info("Matter {} {} {}: due {}, department {}", execution.getVariable(TRACKING_NO), stage, kind,
				due.toInstant(), department);
	}

	/** Comments on the stage's open tasks and raises their priority; answers who holds them, if anyone. */
	private String mark(DelegateExecution execution, String stage, boolean urge, Date due) {
		TaskService tasks = execution.getProcessEngineServices().getTaskService();
		List<Task> open = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(TASK_OF_STAGE.get(stage)).list();
		int priority = urge ? TaskPriorities.URGED : TaskPriorities.WARNED;
		String limit = STAGE_NAME.get(stage) + "时限 " + deadlines.shown(due.toInstant());
		String comment = urge ? "【已超期·催办】" + limit + " 已过，请立即办理" : "【即将超期·预警】" + limit + "，请抓紧办理";
		for (Task task : open) {
			if (task.getPriority() < priority) {
				tasks.setPriority(task.getId(), priority);
			}
			tasks.createComment(task.getId(), execution.getProcessInstanceId(), comment);
		}
		return open.stream().map(Task::getAssignee).filter(Objects::nonNull).findFirst().orElse(null);
	}

}
