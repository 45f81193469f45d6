package org.civicloop.matter.engine;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.civicloop.matter.Labels;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.matter.model.SimilarCases;
import org.civicloop.matter.store.Timeline;
import org.civicloop.organization.Directory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * What people do on a matter's tasks, as {@link MatterEvent}s: a task offered or claimed, and what each cadre
 * decided when completing one — signed for or returned, re-dispatched, handled, co-handled, reviewed, visited,
 * a unit's own step done. Also keeps what the process itself needs of those decisions: who signed (and so
 * handles), the short history the forms show, the names of the lead department and of the handling result.
 *
 * <p>Runs inside the engine's transaction through the Spring eventing bridge (not skippable), so a task, its
 * events and everything their listeners write commit together.
 */
@Component
class TaskEvents {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TaskEvents.class);

	private static final Map<String, String> STAGES = new ConcurrentHashMap<>();

	private final Directory directory;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Timeline timeline;

	private final SimilarCases similar;

	private final Matters matters;

	TaskEvents(Directory directory, ApplicationEventPublisher events, Clock clock, Timeline timeline, SimilarCases similar,
			Matters matters) {
		this.similar = similar;
		this.matters = matters;
		this.directory = directory;
		this.events = events;
		this.clock = clock;
		this.timeline = timeline;
	}

	@EventListener
	public void on(DelegateTask task) {
		switch (task.getEventName()) {
			case TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_COMPLETE -> {
				if (!task.hasVariable(MATTER_ID)) {
					return;
				}
				var matter = MatterEvents.ref(task);
				if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
					created(matter, stageOf(task), task);
				}
				else {
					completed(matter, stageOf(task), task);
				}
			}
			case TaskListener.EVENTNAME_ASSIGNMENT -> {
				var matter = claimedMatter(task);
				if (matter != null) {
					events.publishEvent(new MatterEvent.Claimed(matter, clock.instant(), stageOf(task), department(task),
							task.getAssignee(), task.getName()));
				}
			}
			default -> {
				// an update (a claim fires one before its assignment), a time-out, a deletion: nothing to tell
			}
		}
	}

	/**
	 * The matter a claimed task is of, from its record: found by the process's business key (its tracking number)
	 * and taken only when the record names this process. A claim needs no more, and the process's forty-odd
	 * variables are not loaded for it. A task of any other process is told by its variables, as before.
	 */
	private MatterEvent.Ref claimedMatter(DelegateTask task) {
		String processInstance = task.getProcessInstanceId();
		String trackingNo = processInstance == null ? null : task.getExecution().getProcessBusinessKey();
		Optional<Matter> recorded = trackingNo == null ? Optional.empty() : matters.byTrackingNo(trackingNo)
			.filter(matter -> processInstance.equals(matter.processInstanceId()));
		if (recorded.isPresent()) {
			return MatterEvents.ref(recorded.get());
		}
		return task.hasVariable(MATTER_ID) ? MatterEvents.ref(task) : null;
	}

	/**
	 * The fields Tasklist's filters show in each task card, copied onto the task: a cadre may read the task
	 * they are offered, not the whole process instance.
	 */
	static final java.util.List<String> CARD_FIELDS = java.util.List.of(TRACKING_NO, CATEGORY_NAME, UNIT_NAME,
			LEAD_DEPARTMENT_NAME);

	private void created(MatterEvent.Ref matter, String stage, DelegateTask task) {
		for (String field : CARD_FIELDS) {
			task.setVariableLocal(field, task.getVariable(field));
		}
		String department = department(task);
		if (MatterHandling.Stages.SIGN_FOR.equals(stage)) {
			task.setVariableLocal(SIMILAR_CASES, similarCases(matter, task, department));
		}
		else if (MatterHandling.Stages.HANDLE.equals(stage)) {
			TypedValue signedFor = task.getVariableTyped(signedForSimilarCases(department));
			// only the sign-for's own, transient: never a stored variable of that name, whoever wrote it
			task.setVariableLocal(SIMILAR_CASES, signedFor != null && signedFor.isTransient() ? signedFor.getValue()
					: similarCases(matter, task, department));
		}
		events.publishEvent(new MatterEvent.Offered(matter, clock.instant(), stage, department, task.getAssignee(),
				task.getName(), task.getDueDate() == null ? null : task.getDueDate().toInstant()));
	}

	/**
	 * The similar cases of the sign-for just completed, kept for its handling task in the same command (a
	 * transient variable: never stored): the same matter, department and library, so the same search. A
	 * handling task created in a later command (after an extension, a rework) searches anew.
	 */
	private static String signedForSimilarCases(String department) {
		return SIMILAR_CASES + "@" + department;
	}

	/** A suggestion, never a reason for the step to fail: without it the form says there is none. */
	private String similarCases(MatterEvent.Ref matter, DelegateTask task, String department) {
		try {
			var lines = similar.linesFor(matter.trackingNo(), (String) task.getVariable(DESCRIPTION), (String) task.getVariable(CATEGORY),
					(String) task.getVariable(GRID_CODE), (String) task.getVariable(UNIT), department);
			return lines.isEmpty() ? "暂无相似案例" : String.join("\n", lines);
		}
		catch (RuntimeException failed) {
			log.warn("Similar cases of matter {} could not be found: {}", matter.trackingNo(), failed.toString());
			return "暂无相似案例";
		}
	}

	private void completed(MatterEvent.Ref matter, String stage, DelegateTask task) {
		String actor = Actors.of(task);
		String department = department(task);
		var at = clock.instant();
		switch (stage) {
			case MatterHandling.Stages.SIGN_FOR -> {
				if ("return".equals(task.getVariable(SIGN_FOR_DECISION))) {
					var returned = new MatterEvent.Returned(matter, at, department, actor, text(task, RETURN_REASON), text(task, RETURN_NOTE));
					MatterHistory.append(task, timeline.returnNote(returned));
					events.publishEvent(returned);
				}
				else {
					// whoever signs for a matter handles it
					if (actor == null) {
						throw new IllegalStateException("A matter can only be signed for by a cadre: claim the task first");
					}
					task.setVariable(SIGNED_BY, actor);
					Object similarCases = task.getVariableLocal(SIMILAR_CASES);
					if (similarCases != null) {
						task.getExecution().getProcessInstance()
							.setVariable(signedForSimilarCases(department), Variables.stringValue((String) similarCases, true));
					}
					events.publishEvent(new MatterEvent.SignedFor(matter, at, department, actor));
				}
			}
			case MatterHandling.Stages.REDISPATCH -> {
				String lead = (String) task.getVariable(LEAD_DEPARTMENT);
				task.setVariable(LEAD_DEPARTMENT_NAME, directory.officeName(lead));
				var redispatched = new MatterEvent.Redispatched(matter, at, actor, lead, text(task, REDISPATCH_NOTE));
				MatterHistory.append(task, timeline.redispatchNote(redispatched));
				events.publishEvent(redispatched);
			}
			case MatterHandling.Stages.HANDLE -> {
				String result = text(task, HANDLING_RESULT);
				task.setVariable(HANDLING_RESULT_NAME, Labels.handlingResult(result));
				events.publishEvent(new MatterEvent.Handled(matter, at, department, actor, result, text(task, HANDLING_REPLY)));
			}
			case MatterHandling.Stages.CO_HANDLE -> events.publishEvent(new MatterEvent.CoHandled(matter, at, department, actor,
					text(task, CO_HANDLING_REPLY)));
			case MatterHandling.Stages.REVIEW -> {
				boolean accepted = !"send-back".equals(task.getVariable(REVIEW_DECISION));
				var reviewed = new MatterEvent.Reviewed(matter, at, actor, accepted, text(task, REVIEW_NOTE));
				if (!accepted) {
					MatterHistory.append(task, Timeline.sendBackNote(reviewed));
				}
				events.publishEvent(reviewed);
			}
			case MatterHandling.Stages.RETURN_VISIT -> events.publishEvent(new MatterEvent.Visited(matter, at, department, actor,
					text(task, SATISFACTION), "yes".equals(task.getVariable(RESOLVED)), text(task, VISIT_NOTE)));
			case MatterHandling.Stages.SUPERVISION -> {
				String decision = text(task, SUPERVISION_DECISION);
				int days = "new-limit".equals(decision) && task.getVariable(SUPERVISION_DAYS) instanceof Number set ? set.intValue() : 0;
				String supervised = MatterHandling.Tasks.SUPERVISE_SIGN_FOR.equals(task.getTaskDefinitionKey()) ? MatterHandling.Stages.SIGN_FOR
						: MatterHandling.Stages.HANDLE;
				events.publishEvent(new MatterEvent.Supervised(matter, at, actor, department, (String) task.getVariable(LEAD_DEPARTMENT),
						supervised.equals(MatterHandling.Stages.HANDLE) ? (String) task.getVariable(SIGNED_BY) : null, decision, days,
						text(task, SUPERVISION_NOTE), supervised));
			}
			case MatterHandling.Stages.EXTENSION -> {
				boolean approved = "approve".equals(task.getVariable(EXTENSION_DECISION));
				int days = approved && task.getVariable(EXTENSION_DAYS) instanceof Number granted ? granted.intValue() : 0;
				events.publishEvent(new MatterEvent.ExtensionDecided(matter, at, actor, approved, days, text(task, EXTENSION_NOTE)));
			}
			default -> events.publishEvent(new MatterEvent.StepDone(matter, at, stage, department, actor, task.getName()));
		}
	}

	private static String text(DelegateTask task, String name) {
		Object value = task.getVariable(name);
		return value == null ? null : value.toString();
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

}
