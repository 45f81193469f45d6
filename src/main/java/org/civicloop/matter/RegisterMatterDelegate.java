package org.civicloop.matter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.MatterHandling.Vars.*;

/**
 * 受理: makes sure the matter has its record and tracking number, and gives the process the context
 * every later step shows (names of category, urgency and unit; the masked reporter).
 *
 * <p>A matter started from the Tasklist start form arrives as form variables: its record is made
 * here, and the reporter's name and phone move into it and out of the process variables. A matter
 * registered through {@link MatterProcess} already has its record.
 */
@Component("registerMatterDelegate")
class RegisterMatterDelegate implements JavaDelegate {

	private final Matters matters;

	private final Timeline timeline;

	private final Categories categories;

	private final Directory directory;

	private final MatterProperties properties;

	private final MatterDefinitions definitions;

	RegisterMatterDelegate(Matters matters, Timeline timeline, Categories categories, Directory directory,
			MatterProperties properties, MatterDefinitions definitions) {
		this.matters = matters;
		this.timeline = timeline;
		this.categories = categories;
		this.directory = directory;
		this.properties = properties;
		this.definitions = definitions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Registered matter = execution.hasVariable(TRACKING_NO) ? Registered.of(execution) : Registered.of(fromStartForm(execution));
		matters.startedAs(matter.id(), execution.getProcessInstanceId());
		Unit unit = directory.unit(matter.unitId()).orElseThrow();
		if (!execution.hasVariable(TIME_LIMITS_VERSION)) {
			var choice = definitions.forUnit(unit.id());
			requireDefinition(execution, choice, unit);
			execution.setVariables(MatterProcess.bindings(choice));
		}
		execution.setVariable(TRACKING_NO, matter.trackingNo());
		execution.setVariable(CATEGORY_NAME, categories.byCode(matter.category()).orElseThrow().name());
		execution.setVariable(URGENCY_NAME, NewMatter.URGENCIES.get(matter.urgency()));
		execution.setVariable(UNIT_NAME, unit.name());
		execution.setVariable(UNIT_LEVEL, unit.level().code());
		execution.setVariable(TOWN, unit.townId());
		execution.setVariable(REPORTER_MASKED, matter.reporterMasked());
		execution.setVariable(REWORK_COUNT, 0);
		execution.setVariable(MAX_REWORK, properties.maxRework());
		execution.setVariable(MATTER_HISTORY, "");
		timeline.record(matter.id(), new Timeline.Entry(Timeline.Kind.REGISTERED, ClockUtil.now().toInstant(),
				"registered", "dispatch-centre", (String) execution.getVariable(REGISTERED_BY),
				"渠道 " + matter.channel()));
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
			throw new IllegalArgumentException("Matters of " + unit.name() + " run on "
					+ (choice.processDefinitionId() == null ? "the county's process" : "its own variant " + choice.processDefinitionId())
					+ ", not on " + running + "; start the matter from that process");
		}
	}

	/**
	 * What this step needs of a matter: from the variables {@link MatterProcess} starts it with, so that a
	 * facade intake does not read back the record it has just written, or from the record made here.
	 */
	private record Registered(long id, String trackingNo, String category, String urgency, String unitId,
			String reporterMasked, String channel) {

		static Registered of(DelegateExecution execution) {
			return new Registered(((Number) execution.getVariable(MATTER_ID)).longValue(), text(execution, TRACKING_NO),
					text(execution, CATEGORY), text(execution, URGENCY), text(execution, UNIT), text(execution, REPORTER_MASKED),
					text(execution, CHANNEL));
		}

		static Registered of(Matter matter) {
			return new Registered(matter.id(), matter.trackingNo(), matter.category(), matter.urgency(), matter.unitId(),
					matter.reporter().masked(), matter.channel());
		}

	}

	private Matter fromStartForm(DelegateExecution execution) {
		// at a walk-in desk the cadre filling in the start form is the operator acting for the resident
		String channel = text(execution, CHANNEL);
		String operator = "walk-in".equals(channel) ? text(execution, REGISTERED_BY) : null;
		var reported = new NewMatter(channel, text(execution, MATTER_TYPE), text(execution, CATEGORY),
				text(execution, URGENCY), text(execution, DESCRIPTION), text(execution, UNIT), text(execution, ADDRESS),
				text(execution, GRID_CODE), new Contact(text(execution, REPORTER_NAME), text(execution, REPORTER_PHONE)),
				null, null, operator, java.util.List.of());
		var problems = reported.problems(categories, directory);
		if (!problems.isEmpty()) {
			throw new NewMatter.InvalidMatterException(problems);
		}
		execution.removeVariable(REPORTER_NAME);
		execution.removeVariable(REPORTER_PHONE);
		Matter matter = matters.add(reported, ClockUtil.now().toInstant(), (String) execution.getVariable(REGISTERED_BY));
		execution.setProcessBusinessKey(matter.trackingNo());
		execution.setVariable(MATTER_ID, matter.id());
		return matter;
	}

	private static String text(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return value == null || value.toString().isBlank() ? null : value.toString().strip();
	}

}
