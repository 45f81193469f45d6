package org.civicloop.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;
import org.civicloop.system.EngineWork;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a unit's running matters onto the process it uses after a change of variant: what each unit at
 * and below it used before the change is taken first ({@link #before}), and compared after it.
 */
@Component
class Migrations {

	/** Migrated and skipped running matters, with the reasons for skipping. */
	record Migration(boolean requested, int migrated, int skipped, List<String> reasons) {

		static Migration notRequested() {
			return new Migration(false, 0, 0, List.of());
		}

	}

	/** The process each unit at and below a unit started its matters on before a change. */
	record Before(Map<String, String> processes) {
	}

	private final RuntimeService runtime;

	private final EngineWork engine;

	private final EngineModels models;

	private final VariantResolver resolver;

	private final Directory directory;

	private final TransactionTemplate ownTransaction;

	Migrations(RuntimeService runtime, EngineWork engine, EngineModels models, VariantResolver resolver,
			Directory directory, PlatformTransactionManager transactions) {
		this.runtime = runtime;
		this.engine = engine;
		this.models = models;
		this.resolver = resolver;
		this.directory = directory;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	Before before(String unitId) {
		var processes = new LinkedHashMap<String, String>();
		for (Unit unit : directory.unitsUnder(unitId)) {
			processes.put(unit.id(), resolver.processDefinitionId(unit.id()));
		}
		return new Before(processes);
	}

	/** Moves the running matters when asked to; says that it was not asked otherwise. */
	Migration after(Before before, boolean requested) {
		return requested ? migrate(before) : Migration.notRequested();
	}

	/**
	 * Where a unit's process changed, moves its running matters onto the new one, each matter in a
	 * transaction of its own: a matter the engine cannot move stays whole on the version it was on.
	 */
	private Migration migrate(Before before) {
		// the facade has checked the caller; the matters are the unit's own
		return engine.asApplication(() -> migrateAsApplication(before));
	}

	private Migration migrateAsApplication(Before before) {
		int migrated = 0;
		int skipped = 0;
		var reasons = new ArrayList<String>();
		var plans = new LinkedHashMap<String, Plan>();
		for (var entry : before.processes().entrySet()) {
			String unitId = entry.getKey();
			String to = resolver.processDefinitionId(unitId);
			if (entry.getValue().equals(to)) {
				continue;
			}
			for (var running : models.runningMattersNotOn(unitId, to).entrySet()) {
				String instance = running.getKey();
				String from = running.getValue();
				Plan plan = plans.computeIfAbsent(from + ">" + to, key -> plan(from, to));
				if (plan.refusal() != null) {
					skipped++;
					reasons.add("process instance " + instance + " of " + unitId + " stays on " + from + ": " + plan.refusal());
					continue;
				}
				try {
					ownTransaction.executeWithoutResult(status ->
							runtime.newMigration(plan.plan()).processInstanceIds(instance).execute());
					migrated++;
				}
				catch (ProcessEngineException ex) {
					skipped++;
					reasons.add("process instance " + instance + " of " + unitId + " stays on " + from + ": " + firstLine(ex));
				}
			}
		}
		return new Migration(true, migrated, skipped, reasons);
	}

	/** A migration plan between two versions, or why there can be none. */
	private record Plan(MigrationPlan plan, String refusal) {
	}

	private Plan plan(String from, String to) {
		Optional<String> fromTenant = models.tenantOf(from);
		Optional<String> toTenant = models.tenantOf(to);
		if (!fromTenant.equals(toTenant)) {
			return new Plan(null, "the engine moves matters only between versions of one tenant (" + fromTenant.orElse("county")
					+ " → " + toTenant.orElse("county") + ")");
		}
		try {
			return new Plan(runtime.createMigrationPlan(from, to).mapEqualActivities().updateEventTriggers().build(), null);
		}
		catch (ProcessEngineException ex) {
			return new Plan(null, firstLine(ex));
		}
	}

	private static String firstLine(Exception ex) {
		String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		return message.lines().findFirst().orElse(message);
	}

}
