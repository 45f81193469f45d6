package org.civicloop.matter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

import org.springframework.stereotype.Component;

import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.*;

/**
 * The engine's history keeps what someone reads, and nothing else. Who reads what:
 * <ul>
 * <li>the responsibility chain, the public page and assessment read CivicLoop's own timeline
 * ({@code matter_event}) and matter record, not the engine's history;</li>
 * <li>Cockpit and the history cleanup read the process instances; the engine REST problem details read a
 * task's history (its last assignee) and whom it was offered to (its candidate links), so a caller who never
 * had a task learns nothing of it;</li>
 * <li>why a matter went to a department: the decision evaluations, with their inputs and outputs;</li>
 * <li>operations: incidents, failed jobs and batches;</li>
 * <li>the audit trail: the user operation log, except the routine claims and completions of tasks and the
 * starts of matters, which the timeline records with their cadre and time.</li>
 * </ul>
 * Left out: activity instances, variable values and their every update, form fields, assignee links, and the
 * creation, success and deletion of jobs (the timeline records warnings and urges). No variable reaches the
 * history at all, so neither does the reporter's contact. Selected with
 * {@code camunda.bpm.history-level: civicloop}; the application refuses to start with any other level.
 *
 * <p>The engine asks its history level about every variable it creates, changes or removes, whatever the
 * entrance: this is where {@link MatterVariables} hears of each write of a matter's variables.
 */
@Component
class AccountableHistory extends AbstractProcessEnginePlugin {

	private static final Set<HistoryEventType> KEPT = Set.of(PROCESS_INSTANCE_START, PROCESS_INSTANCE_UPDATE,
			PROCESS_INSTANCE_MIGRATE, PROCESS_INSTANCE_END, TASK_INSTANCE_CREATE, TASK_INSTANCE_UPDATE,
			TASK_INSTANCE_MIGRATE, TASK_INSTANCE_COMPLETE, TASK_INSTANCE_DELETE, INCIDENT_CREATE, INCIDENT_MIGRATE,
			INCIDENT_DELETE, INCIDENT_RESOLVE, INCIDENT_UPDATE, DMN_DECISION_EVALUATE, BATCH_START, BATCH_UPDATE, BATCH_END,
			JOB_FAIL, EXTERNAL_TASK_FAIL, USER_OPERATION_LOG);

	private static final Set<HistoryEventType> VARIABLE_WRITES = Set.of(VARIABLE_INSTANCE_CREATE,
			VARIABLE_INSTANCE_UPDATE, VARIABLE_INSTANCE_DELETE);

	/** Operations the timeline records with their cadre and time: claiming and completing a task, starting a matter. */
	private static final Set<String> ROUTINE = Set.of(EntityTypes.TASK + ":" + UserOperationLogEntry.OPERATION_TYPE_CLAIM,
			EntityTypes.TASK + ":" + UserOperationLogEntry.OPERATION_TYPE_COMPLETE,
			EntityTypes.PROCESS_INSTANCE + ":" + UserOperationLogEntry.OPERATION_TYPE_CREATE);

	private final MatterVariables variables;

	AccountableHistory(MatterVariables variables) {
		this.variables = variables;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		var levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<HistoryLevel>()
				: new ArrayList<>(configuration.getCustomHistoryLevels());
		levels.add(new Level(variables));
		configuration.setCustomHistoryLevels(levels);
		configuration.setEnableDefaultDbHistoryEventHandler(false);
		configuration.setCustomHistoryEventHandlers(new ArrayList<>(List.of(new WithoutRoutine())));
		// the unique-task-worker metric serves Camunda's licensing; nobody here reads it
		configuration.setTaskMetricsEnabled(false);
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		if (!(configuration.getHistoryLevel() instanceof Level)) {
			throw new IllegalStateException("CivicLoop runs with camunda.bpm.history-level: civicloop, not "
					+ configuration.getHistoryLevel().getName() + ": it keeps the history its readers need, no contacts, and guards a matter's variables");
		}
	}

	static final class Level extends AbstractHistoryLevel {

		private final MatterVariables variables;

		Level(MatterVariables variables) {
			this.variables = variables;
		}

		/** The id the database records; 31 since the first release, so existing databases keep starting. */
		@Override
		public int getId() {
			return 31;
		}

		@Override
		public String getName() {
			return "civicloop";
		}

		@Override
		public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
			if (VARIABLE_WRITES.contains(eventType) && entity instanceof VariableInstanceEntity written) {
				variables.written(written);
			}
			if (eventType == IDENTITY_LINK_ADD) {
				return entity instanceof IdentityLink link && IdentityLinkType.CANDIDATE.equals(link.getType());
			}
			return KEPT.contains(eventType);
		}

	}

	/** The engine's own database handler, without the routine entries of the user operation log. */
	static final class WithoutRoutine extends DbHistoryEventHandler implements HistoryEventHandler {

		@Override
		public void handleEvent(HistoryEvent event) {
			if (event instanceof UserOperationLogEntryEventEntity entry
					&& ROUTINE.contains(entry.getEntityType() + ":" + entry.getOperationType())) {
				return;
			}
			super.handleEvent(event);
		}

	}

}
