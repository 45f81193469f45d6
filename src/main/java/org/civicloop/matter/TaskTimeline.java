package org.civicloop.matter;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.civicloop.organization.Directory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.MatterHandling.Vars.*;

/**
 * Keeps the matter record and timeline in step with the user tasks of any matter process (base or
 * unit variant): the stage of a new task (its {@code civicloop.stage} property), who claimed it, and
 * what each cadre decided when completing it.
 *
 * <p>Runs inside the engine's transaction through the Spring eventing bridge (not skippable), so a
 * task and its timeline entry commit together.
 */
@Component
class TaskTimeline {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final Matters matters;

	private final Timeline timeline;

	private final Directory directory;

	private final MatterProperties properties;

	private static final Map<String, String> STAGES = new ConcurrentHashMap<>();

	TaskTimeline(Matters matters, Timeline timeline, Directory directory, MatterProperties properties) {
		this.matters = matters;
		this.timeline = timeline;
		this.directory = directory;
		this.properties = properties;
	}

	@EventListener
	public void on(DelegateTask task) {
		if (!task.hasVariable(MATTER_ID)) {
			return;
		}
		long matterId = MatterHistory.matterId(task);
		String stage = stageOf(task);
		switch (task.getEventName()) {
			case TaskListener.EVENTNAME_CREATE -> created(matterId, stage, task);
			case TaskListener.EVENTNAME_ASSIGNMENT -> record(matterId, Timeline.Kind.CLAIMED, stage, department(task),
					task.getAssignee(), task.getName());
			case TaskListener.EVENTNAME_COMPLETE -> completed(matterId, stage, task);
			default -> {
			}
		}
	}

	/**
	 * The fields Tasklist's filters show in each task card, copied onto the task: a cadre may read the task
	 * they are offered, not the whole process instance.
	 */
	static final java.util.List<String> CARD_FIELDS = java.util.List.of(TRACKING_NO, CATEGORY_NAME, UNIT_NAME,
			LEAD_DEPARTMENT_NAME);

	private void created(long matterId, String stage, DelegateTask task) {
		matters.movedTo(matterId, stage);
		matters.dueAt(matterId, task.getDueDate() == null ? null : task.getDueDate().toInstant());
		for (String field : CARD_FIELDS) {
			task.setVariableLocal(field, task.getVariable(field));
		}
		String due = task.getDueDate() == null ? "" : "，时限 " + local(task.getDueDate());
		record(matterId, Timeline.Kind.TASK_CREATED, stage, department(task), task.getAssignee(), task.getName() + due);
	}

	private void completed(long matterId, String stage, DelegateTask task) {
		String actor = Actors.of(task);
		String department = department(task);
		switch (stage) {
			case "sign-for" -> {
				if ("return".equals(task.getVariable(SIGN_FOR_DECISION))) {
					String note = "退单（" + directory.officeName(department) + "）：" + task.getVariable(RETURN_REASON)
							+ "，" + task.getVariable(RETURN_NOTE);
					MatterHistory.append(task, note);
					record(matterId, Timeline.Kind.RETURNED, stage, department, actor, note);
				}
				else {
					// whoever signs for a matter handles it
					if (actor == null) {
						throw new IllegalStateException("A matter can only be signed for by a cadre: claim the task first");
					}
					task.setVariable(SIGNED_BY, actor);
					record(matterId, Timeline.Kind.SIGNED, stage, department, actor, "签收");
				}
			}
			case "redispatch" -> {
				String lead = (String) task.getVariable(LEAD_DEPARTMENT);
				task.setVariable(LEAD_DEPARTMENT_NAME, directory.officeName(lead));
				matters.ledBy(matterId, lead);
				String note = "改派至" + directory.officeName(lead) + "：" + task.getVariable(REDISPATCH_NOTE);
				MatterHistory.append(task, note);
				record(matterId, Timeline.Kind.REDISPATCHED, stage, "dispatch-centre", actor, note);
			}
			case "handle" -> {
				task.setVariable(HANDLING_RESULT_NAME, handlingResultName((String) task.getVariable(HANDLING_RESULT)));
				record(matterId, Timeline.Kind.HANDLED, stage, department, actor,
						task.getVariable(HANDLING_RESULT_NAME) + "：" + task.getVariable(HANDLING_REPLY));
			}
			case "co-handle" -> record(matterId, Timeline.Kind.CO_HANDLED, stage, department, actor,
					String.valueOf(task.getVariable(CO_HANDLING_REPLY)));
			case "review" -> {
				if ("send-back".equals(task.getVariable(REVIEW_DECISION))) {
					String note = "审核退回：" + task.getVariable(REVIEW_NOTE);
					MatterHistory.append(task, note);
					record(matterId, Timeline.Kind.SENT_BACK, stage, department, actor, note);
				}
				else {
					record(matterId, Timeline.Kind.ACCEPTED, stage, department, actor, "审核通过");
				}
			}
			case "return-visit" -> {
				String satisfaction = (String) task.getVariable(SATISFACTION);
				matters.rated(matterId, satisfaction);
				record(matterId, Timeline.Kind.VISITED, stage, department, actor,
						CloseMatterDelegate.satisfactionName(satisfaction) + "，"
								+ ("yes".equals(task.getVariable(RESOLVED)) ? "已解决" : "未解决"));
			}
			default -> record(matterId, Timeline.Kind.TASK_CREATED, stage, department, actor, task.getName() + " 完成");
		}
	}

	private void record(long matterId, Timeline.Kind kind, String stage, String department, String actor, String note) {
		timeline.record(matterId, new Timeline.Entry(kind, ClockUtil.now().toInstant(), stage, department, actor, note));
	}

	/** The candidate group the task is offered to: the responsible department. */
	private static String department(DelegateTask task) {
		return task.getCandidates().stream()
			.filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
			.map(link -> link.getGroupId()).findFirst()
			.orElseGet(() -> (String) task.getVariable(LEAD_DEPARTMENT));
	}

	/** The stage a task is, from its {@code civicloop.stage} property; {@code other} when it has none. */
	static String stageOf(DelegateTask task) {
		return STAGES.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
				key -> stageProperty(task.getBpmnModelElementInstance()));
	}

	private static String stageProperty(UserTask element) {
		if (element == null || element.getExtensionElements() == null) {
			return "other";
		}
		return element.getExtensionElements().getElementsQuery().filterByType(
				org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
			.flatMap(properties -> properties.getCamundaProperties().stream())
			.filter(property -> MatterHandling.STAGE_PROPERTY.equals(property.getCamundaName()))
			.map(CamundaProperty::getCamundaValue).findFirst().orElse("other");
	}

	private String local(java.util.Date date) {
		return TIME.format(ZonedDateTime.ofInstant(date.toInstant(), properties.zone()));
	}

	static String handlingResultName(String result) {
		return switch (result == null ? "" : result) {
			case "resolved" -> "已解决";
			case "explained" -> "已解释说明";
			case "not-resolvable" -> "暂不具备解决条件";
			default -> "未填写";
		};
	}

}
