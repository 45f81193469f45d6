package org.civicloop.matter.engine;

import java.util.ArrayList;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.civicloop.matter.model.MatterHandling;

import org.springframework.stereotype.Component;

/**
 * Full history, except for the reporter's contact. A matter registered from the Tasklist start form
 * briefly holds the reporter's name and phone as variables before {@link RegisterMatterDelegate} moves
 * them into the matter record; this history level keeps them out of the history tables meanwhile.
 * Selected with {@code camunda.bpm.history-level: civicloop-full}; the application refuses to start with
 * any other level.
 *
 * <p>The engine asks its history level about every variable it creates, changes or removes, whatever the
 * entrance: this is where {@link MatterVariables} hears of each write of a matter's variables.
 */
@Component
class ContactFreeHistory extends AbstractProcessEnginePlugin {

	static final Set<String> CONTACT_VARIABLES = Set.of(MatterHandling.Vars.REPORTER_NAME,
			MatterHandling.Vars.REPORTER_PHONE);

	private static final Set<HistoryEventType> VARIABLE_WRITES = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
			HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE);

	private final MatterVariables variables;

	ContactFreeHistory(MatterVariables variables) {
		this.variables = variables;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		var levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<org.camunda.bpm.engine.impl.history.HistoryLevel>()
				: new ArrayList<>(configuration.getCustomHistoryLevels());
		levels.add(new Level(variables));
		configuration.setCustomHistoryLevels(levels);
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		if (!(configuration.getHistoryLevel() instanceof Level)) {
			throw new IllegalStateException("CivicLoop runs with camunda.bpm.history-level: civicloop-full, not "
					+ configuration.getHistoryLevel().getName() + ": it keeps contacts out of history and guards a matter's variables");
		}
	}

	static final class Level extends HistoryLevelFull {

		private final MatterVariables variables;

		Level(MatterVariables variables) {
			this.variables = variables;
		}

		@Override
		public int getId() {
			return 31;
		}

		@Override
		public String getName() {
			return "civicloop-full";
		}

		@Override
		public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
			if (eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE) {
				return false; // submitted form fields are recorded as variables already
			}
			if (VARIABLE_WRITES.contains(eventType) && entity instanceof VariableInstanceEntity written) {
				variables.written(written);
			}
			if (entity instanceof VariableInstance variable && CONTACT_VARIABLES.contains(variable.getName())) {
				return false;
			}
			return super.isHistoryEventProduced(eventType, entity);
		}

	}

}
