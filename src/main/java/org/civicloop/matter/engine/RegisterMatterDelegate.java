package org.civicloop.matter.engine;

import java.time.Clock;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.civicloop.matter.Categories;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterDefinitions;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * 受理: fixes the record the process works on, once, and gives the process the context every later step
 * shows (names of category, urgency and unit; the masked reporter).
 *
 * <p>The record comes from one of two places, never from variables a caller supplies:
 * <ul>
 * <li>a matter {@link MatterProcess} registered: the record it has just stored under the process's business
 * key, handed over inside the application;
 * <li>a matter started from its start form (Tasklist, or {@code submit-form} over the engine REST API): its
 * fields are checked as the facade checks a report, the record is made here, and the reporter's name and
 * phone move into it and out of the process variables. Nothing else starts a matter: a plain start over the
 * engine REST API, a message or a timer is refused. Such a start may carry the start
 * form's fields and nothing else ({@link MatterVariables}), and no business key: the tracking number is
 * the record's.
 * </ul>
 * Either way the record is claimed for this process instance in the database, so no second process can
 * ever work on it.
 */
@Component("registerMatterDelegate")
class RegisterMatterDelegate implements JavaDelegate {

	private final Matters matters;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Categories categories;

	private final Directory directory;

	private final MatterProperties properties;

	private final MatterDefinitions definitions;

	private final MatterVariables variables;

	RegisterMatterDelegate(Matters matters, ApplicationEventPublisher events, Clock clock, Categories categories,
			Directory directory, MatterProperties properties, MatterDefinitions definitions, MatterVariables variables) {
		this.matters = matters;
		this.events = events;
		this.clock = clock;
		this.categories = categories;
		this.directory = directory;
		this.properties = properties;
		this.definitions = definitions;
		this.variables = variables;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Matter registered = MatterProcess.registering(execution.getProcessBusinessKey());
		Matter matter = registered != null ? registered : fromStartForm(execution);
		if (!matters.startedAs(matter.id(), execution.getProcessInstanceId())) {
			throw new AuthorizationException("Matter " + matter.trackingNo() + " already has its process");
		}
		Unit unit = directory.unit(matter.report().unitId()).orElseThrow();
		if (registered == null) {
			var choice = definitions.forUnit(unit.id());
			requireDefinition(execution, choice, unit);
			execution.setVariables(MatterProcess.bindings(choice));
		}
		execution.setVariable(MATTER_ID, matter.id());
		execution.setVariable(TRACKING_NO, matter.trackingNo());
		execution.setVariable(CATEGORY_NAME, categories.byCode(matter.report().category()).orElseThrow().name());
		execution.setVariable(URGENCY_NAME, NewMatter.URGENCIES.get(matter.report().urgency()));
		execution.setVariable(UNIT_NAME, unit.name());
		execution.setVariable(UNIT_LEVEL, unit.level().code());
		execution.setVariable(TOWN, unit.townId());
		execution.setVariable(REPORTER_MASKED, matter.report().reporter().masked());
		execution.setVariable(REWORK_COUNT, 0);
		execution.setVariable(MAX_REWORK, properties.maxRework());
		execution.setVariable(MATTER_HISTORY, "");
		// 受理 happened when the record was made: the event carries the record's own time
		events.publishEvent(new MatterEvent.Registered(MatterEvents.ref(matter),
				matter.progress().registeredAt(), matter.report().channel(), matter.report().category(), matter.registeredBy()));
	}

	/**
	 * A matter started from Tasklist runs on the definition the cadre picked; it must be the one its unit
	 * uses, or the unit's variant would be bypassed.
	 */
	private static void requireDefinition(DelegateExecution execution, MatterDefinitions.Choice choice, Unit unit) {
		String running = execution.getProcessDefinitionId();
		String tenant = execution.getTenantId();
		boolean right = choice.processDefinitionId() == null ? tenant == null : choice.processDefinitionId().equals(running);
		if (!right) {
			throw new FormFieldValidationException("unit", "Matters of " + unit.name() + " run on "
					+ (choice.processDefinitionId() == null ? "the county's process" : "its own variant " + choice.processDefinitionId())
					+ ", not on " + running + "; start the matter from that process");
		}
	}

	/** The record of a matter started from the start form: checked as the facade checks a report, then stored. */
	private Matter fromStartForm(DelegateExecution execution) {
		if (!(Context.getCommandInvocationContext().getCommand() instanceof SubmitStartFormCmd)) {
			throw new AuthorizationException("A matter is registered through its start form (Tasklist) or POST /api/matters, "
					+ "which check it and give it its tracking number");
		}
		if (execution.getProcessBusinessKey() != null) {
			throw new AuthorizationException("A matter gets its tracking number at registration; a start may not name one ("
					+ execution.getProcessBusinessKey() + ")");
		}
		variables.taken(execution.getProcessInstanceId(), MatterHandling.START_INPUTS, "registration from the start form");
		// at a walk-in desk the cadre filling in the start form is the operator acting for the resident
		String channel = text(execution, CHANNEL);
		String registeredBy = text(execution, REGISTERED_BY);
		String operator = "walk-in".equals(channel) ? registeredBy : null;
		var reported = new NewMatter(channel, text(execution, MATTER_TYPE), text(execution, CATEGORY),
				text(execution, URGENCY), text(execution, DESCRIPTION), text(execution, UNIT), text(execution, ADDRESS),
				text(execution, GRID_CODE), new Contact(text(execution, REPORTER_NAME), text(execution, REPORTER_PHONE)),
				null, null, operator, java.util.List.of());
		var problems = reported.problems(categories, directory);
		if (!problems.isEmpty()) {
			throw new FormFieldValidationException(problems.keySet(), new NewMatter.InvalidMatterException(problems).getMessage());
		}
		execution.removeVariable(REPORTER_NAME);
		execution.removeVariable(REPORTER_PHONE);
		Matter matter = matters.add(reported, clock.instant(), registeredBy);
		execution.setProcessBusinessKey(matter.trackingNo());
		return matter;
	}

	private static String text(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null || value.toString().isBlank() ? null : value.toString().strip();
	}

}
