package org.civicloop.matter.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.matter.Categories;
import org.civicloop.matter.Intake;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterDefinitions;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.system.EngineWork;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * The one class that talks to the engine about {@code matter-handling}: starts, message correlation,
 * task queries and task work. Controllers and jobs come through here, never to the engine directly.
 */
@Service
public class MatterProcess {

	private static final ThreadLocal<Matter> REGISTERING = new ThreadLocal<>();

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final IdentityService identity;

	private final Matters matters;

	private final ApplicationEventPublisher events;

	private final Categories categories;

	private final Directory directory;

	private final MatterDefinitions definitions;

	private final EngineWork engine;

	private final Clock clock;

	MatterProcess(RuntimeService runtime, TaskService tasks, IdentityService identity, Matters matters,
			ApplicationEventPublisher events, Categories categories, Directory directory, MatterDefinitions definitions, EngineWork engine,
			Clock clock) {
		this.engine = engine;
		this.clock = clock;
		this.runtime = runtime;
		this.tasks = tasks;
		this.identity = identity;
		this.matters = matters;
		this.events = events;
		this.categories = categories;
		this.directory = directory;
		this.definitions = definitions;
	}

	/**
	 * Registers a matter and starts its process; the record and the start commit together or not at all.
	 * The reporter's contact goes into the record only, never into process variables.
	 */
	@Transactional
	public Matter register(NewMatter matter, String registeredBy) {
		var problems = matter.problems(categories, directory);
		if (!problems.isEmpty()) {
			throw new NewMatter.InvalidMatterException(problems);
		}
		return start(matter, registeredBy);
	}

	/** {@link #register} for a report {@link Intake} has already checked. */
	public Matter start(NewMatter matter, String registeredBy) {
		Matter stored = matters.add(matter, clock.instant(), registeredBy);
		Map<String, Object> variables = new HashMap<>();
		variables.put(CHANNEL, matter.channel());
		variables.put(MATTER_TYPE, matter.matterType());
		variables.put(CATEGORY, matter.category());
		variables.put(URGENCY, matter.urgency());
		variables.put(DESCRIPTION, matter.description());
		variables.put(UNIT, matter.unitId());
		variables.put(ADDRESS, matter.address());
		variables.put(GRID_CODE, matter.gridCode());
		variables.put(REGISTERED_BY, registeredBy);
		var choice = definitions.forUnit(matter.unitId());
		variables.putAll(bindings(choice));
		var start = choice.processDefinitionId() == null
				? runtime.createProcessInstanceByKey(MatterHandling.PROCESS_KEY).processDefinitionWithoutTenantId()
				: runtime.createProcessInstanceById(choice.processDefinitionId());
		// The caller may register matters (checked by the controller, as the engine's CREATE_INSTANCE grant
		// would); the start runs as the application, like the Java API, without that check a second time.
		REGISTERING.set(stored);
		try {
			engine.asApplication(() -> MatterVariables.asApplication(() -> start.businessKey(stored.trackingNo())
				.setVariables(variables).execute()));
		}
		finally {
			REGISTERING.remove();
		}
		return matters.byId(stored.id()).orElseThrow();
	}

	/**
	 * The record this application has just stored for the process it is starting under this business key:
	 * registration takes the record from here, inside the application, never from a caller's variables.
	 */
	static Matter registering(String businessKey) {
		Matter stored = REGISTERING.get();
		return stored != null && stored.trackingNo().equals(businessKey) ? stored : null;
	}

	/** The variables through which the model evaluates the unit's version of each table. */
	static Map<String, Object> bindings(MatterDefinitions.Choice choice) {
		var routing = choice.decisions().get(MatterHandling.Decisions.ROUTE_MATTER);
		var limits = choice.decisions().get(MatterHandling.Decisions.TIME_LIMITS);
		var bindings = new HashMap<String, Object>();
		bindings.put(ROUTE_MATTER_VERSION, routing.version());
		bindings.put(ROUTE_MATTER_TENANT, routing.tenantId());
		bindings.put(TIME_LIMITS_VERSION, limits.version());
		bindings.put(TIME_LIMITS_TENANT, limits.tenantId());
		return bindings;
	}

	/**
	 * The citizen's own rating: completes the waiting return visit through the {@code CitizenEvaluation}
	 * message. Fails when the matter is not waiting for one.
	 */
	@Transactional
	public void evaluate(String trackingNo, String satisfaction, boolean resolved, String note) {
		Matter matter = matters.byTrackingNo(trackingNo)
			.orElseThrow(() -> new IllegalArgumentException("No matter " + trackingNo));
		boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(matter.processInstanceId())
			.eventName(MatterHandling.MESSAGE_CITIZEN_EVALUATION).count() > 0;
		if (!waiting) {
			throw new MismatchingMessageCorrelationException("Matter " + trackingNo + " is not waiting for the "
					+ MatterHandling.MESSAGE_CITIZEN_EVALUATION + " of its citizen");
		}
		// the rating is the fact; closing or rework follow from it in the same transaction
		events.publishEvent(new MatterEvent.Evaluated(MatterEvents.ref(matter),
				clock.instant(), satisfaction, resolved, note));
		MatterVariables.asApplication(() -> runtime.createMessageCorrelation(MatterHandling.MESSAGE_CITIZEN_EVALUATION)
			.processInstanceBusinessKey(trackingNo)
			.setVariable(SATISFACTION, satisfaction)
			.setVariable(RESOLVED, resolved ? "yes" : "no")
			.setVariable(VISIT_NOTE, note == null ? "" : note)
			.correlateWithResult());
	}

	/**
	 * The handler asks for more time (延期): the {@code ExtensionRequested} message opens the dispatch centre's
	 * 审批延期 task beside handling, which goes on. Only the cadre who holds the handling task may ask, and only
	 * while no earlier request waits for its answer.
	 */
	@Transactional
	public void requestExtension(String trackingNo, String cadre, int workingDays, String reason) {
		// the application looks: a caller's own grants would hide the tasks of others
		Task handling = engine.asApplication(() -> tasks.createTaskQuery().processInstanceBusinessKey(trackingNo)
			.taskDefinitionKey(MatterHandling.Tasks.HANDLE).singleResult());
		if (handling == null) {
			throw new NoExtensionNow("Matter " + trackingNo + " is not in handling: only a matter being handled can be given more time");
		}
		if (!cadre.equals(handling.getAssignee())) {
			throw new NotTheHandler("Only the cadre handling matter " + trackingNo + " asks for more time");
		}
		if (engine.asApplication(() -> tasks.createTaskQuery().processInstanceBusinessKey(trackingNo)
			.taskDefinitionKey(MatterHandling.Tasks.APPROVE_EXTENSION).count()) > 0) {
			throw new NoExtensionNow("An earlier request for more time on matter " + trackingNo + " waits for the dispatch centre's answer");
		}
		Matter matter = matters.byTrackingNo(trackingNo).orElseThrow();
		events.publishEvent(new MatterEvent.ExtensionRequested(MatterEvents.ref(matter), clock.instant(),
				matter.progress().leadDepartment(), cadre, workingDays, reason));
		try {
			// checked above: the caller handles the matter; the request itself is the application's to deliver
			engine.asApplication(() -> MatterVariables.asApplication(() -> runtime.createMessageCorrelation(MatterHandling.MESSAGE_EXTENSION_REQUESTED)
				.processInstanceBusinessKey(trackingNo)
				.setVariable(EXTENSION_DAYS_REQUESTED, workingDays)
				.setVariable(EXTENSION_DAYS, workingDays)
				.setVariable(EXTENSION_REASON, reason)
				.setVariable(EXTENSION_DECISION, null)
				.setVariable(EXTENSION_NOTE, null)
				.correlateWithResult()));
		}
		catch (MismatchingMessageCorrelationException noStep) {
			throw new NoExtensionNow("The process of matter " + trackingNo + " has no step for extensions");
		}
	}

	/** Someone other than the cadre handling the matter asked for more time. */
	public static final class NotTheHandler extends RuntimeException {

		NotTheHandler(String message) {
			super(message);
		}

	}

	/** The matter cannot be given more time now: it is not in handling, or a request waits already. */
	public static final class NoExtensionNow extends RuntimeException {

		NoExtensionNow(String message) {
			super(message);
		}

	}

	/** The open tasks of a matter, oldest first. */
	public List<Task> openTasks(String trackingNo) {
		return tasks.createTaskQuery().processInstanceBusinessKey(trackingNo).orderByTaskCreateTime().asc().list();
	}

	/** The cadres of the groups a task is offered to, in id order. */
	public List<String> cadresFor(Task task) {
		return tasks.getIdentityLinksForTask(task.getId()).stream()
			.filter(link -> link.getGroupId() != null)
			.flatMap(link -> identity.createUserQuery().memberOfGroup(link.getGroupId()).orderByUserId().asc().list().stream())
			.map(user -> user.getId()).distinct().toList();
	}

	/**
	 * Does one task of a matter as a cadre: claims it when nobody has, then completes it with the
	 * cadre's input, authenticated as that cadre so the timeline names them.
	 */
	@Transactional
	public void work(String taskId, String userId, Map<String, Object> input) {
		Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
		if (task == null) {
			throw new IllegalArgumentException("No open task " + taskId);
		}
		engine.as(userId, () -> {
			if (task.getAssignee() == null) {
				tasks.claim(taskId, userId);
			}
			tasks.complete(taskId, input);
		});
	}

}
