package org.civicloop.variant;

import java.time.Clock;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.system.EngineWork;
import org.civicloop.organization.Unit;
import org.civicloop.organization.Roles;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.civicloop.matter.MatterHandling;

/**
 * The variants facade's work: validate, deploy, list, compare, activate, go back to inheriting, and
 * move running matters along when asked. Deployments go through the engine as the caller, so the
 * {@link DeploymentGuard} checks them exactly as it checks Camunda Modeler's.
 */
@Service
class VariantDeployments {

	private static final Pattern FORM_REF = Pattern.compile("formRef=\"([^\"]+)\"");

	private final RepositoryService repository;

	private final RuntimeService runtime;

	private final EngineWork engine;

	private final Clock clock;

	private final Guardrails guardrails;

	private final Variants variants;

	private final EngineModels models;

	private final VariantResolver resolver;

	private final Directory directory;

	private final DeploymentGuard guard;

	private final org.civicloop.security.Audit audit;

	private final TransactionTemplate transaction;

	private final TransactionTemplate ownTransaction;

	VariantDeployments(RepositoryService repository, RuntimeService runtime, EngineWork engine, Guardrails guardrails,
			Variants variants, EngineModels models, VariantResolver resolver, Directory directory, DeploymentGuard guard,
			org.civicloop.security.Audit audit, PlatformTransactionManager transactions, Clock clock) {
		this.audit = audit;
		this.repository = repository;
		this.runtime = runtime;
		this.engine = engine;
		this.clock = clock;
		this.guardrails = guardrails;
		this.variants = variants;
		this.models = models;
		this.resolver = resolver;
		this.directory = directory;
		this.guard = guard;
		this.transaction = new TransactionTemplate(transactions);
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Designers and administrators everywhere; a unit administrator for their own unit. */
	boolean mayChange(Caller caller, String unitId) {
		if (caller.inAny(Roles.ADMIN, Roles.DESIGNERS)) {
			return true;
		}
		return caller.inAny(Roles.UNIT_ADMINS) && guard.unitsAdministeredBy(List.copyOf(caller.groups())).contains(unitId);
	}

	/** Those who may change a unit's variants, and the county's leaders and operators. */
	boolean mayRead(Caller caller, String unitId) {
		return mayChange(caller, unitId) || caller.inAny(Roles.LEADERS, Roles.OPERATORS);
	}

	Optional<Unit> unit(String unitId) {
		return directory.unit(unitId);
	}

	/** The guardrails' verdict on files, as they would be deployed into the unit's tenant. */
	List<Violation> validate(String unitId, Map<String, byte[]> files) {
		return guardrails.check(withInheritedForms(unitId, files), unitId);
	}

	record Deployed(Variants.Variant variant, Migration migration) {
	}

	/** Migrated and skipped running matters, with the reasons for skipping. */
	record Migration(boolean requested, int migrated, int skipped, List<String> reasons) {

		static Migration notRequested() {
			return new Migration(false, 0, 0, List.of());
		}

	}

	/**
	 * Deploys files into the unit's tenant; the guard refuses it or records it as the unit's active variant.
	 * @throws GuardrailViolations when the guardrails refuse it; nothing is deployed then
	 */
	Deployed deploy(String unitId, Map<String, byte[]> files, String note, boolean migrate) {
		var resources = withInheritedForms(unitId, files);
		Map<String, String> before = processesUnder(unitId);
		String deploymentId = transaction.execute(status -> {
			var builder = repository.createDeployment().tenantId(unitId).name("variant " + unitId).source("civicloop-variants");
			resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
			String id = builder.deploy().getId();
			variants.note(id, note);
			return id;
		});
		Migration migration = migrate ? migrate(before) : Migration.notRequested();
		return new Deployed(variants.byId(deploymentId).orElseThrow(), migration);
	}

	/** The unit's variants, newest first, each definition marked whether the unit uses it now. */
	List<Map<String, Object>> history(String unitId) {
		var active = variants.activeIn(List.of(unitId)).getOrDefault(unitId, Map.of());
		var history = new ArrayList<Map<String, Object>>();
		for (var variant : variants.of(unitId)) {
			var entry = new LinkedHashMap<String, Object>();
			entry.put("id", variant.deploymentId());
			entry.put("deployedBy", variant.deployedBy());
			entry.put("deployedAt", variant.deployedAt().toString());
			entry.put("note", variant.note());
			var definitions = new ArrayList<Map<String, Object>>();
			for (var definition : variant.definitions()) {
				var row = active.get(definition.key());
				boolean isActive = row != null && row.definitionId().equals(definition.id());
				definitions.add(Map.of("key", definition.key(), "id", definition.id(), "version", definition.version(),
						"own", definition.own(), "active", isActive));
			}
			entry.put("definitions", definitions);
			entry.put("active", active.values().stream().anyMatch(row -> row.deploymentId().equals(variant.deploymentId())));
			history.add(entry);
		}
		return history;
	}

	/** Where each key of the unit comes from now: the unit itself, a unit above it, or the county base. */
	Map<String, Object> effective(String unitId) {
		var sources = resolver.sources(unitId);
		var effective = new LinkedHashMap<String, Object>();
		sources.forEach((key, source) -> effective.put(key, source == null ? "county-base" : source));
		return effective;
	}

	Optional<Variants.Variant> variant(String unitId, String deploymentId) {
		return variants.byId(deploymentId).filter(variant -> variant.unitId().equals(unitId));
	}

	/** Makes an earlier variant of the unit active again (rollback). */
	Migration activate(Variants.Variant variant, String by, boolean migrate) {
		Map<String, String> before = processesUnder(variant.unitId());
		transaction.executeWithoutResult(status -> {
			variants.activate(variant, by, clock.instant());
			audit.record(by, "variant.activate", "unit " + variant.unitId(), variant.deploymentId());
		});
		return migrate ? migrate(before) : Migration.notRequested();
	}

	/** The unit goes back to what it inherits. */
	Migration deactivate(String unitId, String by, boolean migrate) {
		Map<String, String> before = processesUnder(unitId);
		transaction.executeWithoutResult(status -> {
			if (variants.deactivate(unitId) > 0) {
				audit.record(by, "variant.deactivate", "unit " + unitId, "inherits again");
			}
		});
		return migrate ? migrate(before) : Migration.notRequested();
	}

	/**
	 * What a variant changes against the unit's previous variant or against what the unit inherits (base).
	 */
	Map<String, Object> diff(Variants.Variant variant, String against) {
		Unit unit = directory.unit(variant.unitId()).orElseThrow();
		Map<String, String> compared = "previous".equals(against) ? previousOf(variant) : Map.of();
		Map<String, String> base = inheritedBy(unit);
		var diff = new LinkedHashMap<String, Object>();
		diff.put("variant", variant.deploymentId());
		diff.put("against", against);
		for (var definition : variant.own()) {
			String otherId = compared.getOrDefault(definition.key(), base.get(definition.key()));
			byte[] mine = models.model(definition.id()).orElseThrow();
			byte[] other = otherId == null ? null : models.model(otherId).orElse(null);
			var entry = new LinkedHashMap<String, Object>();
			entry.put("definition", definition.id());
			entry.put("againstDefinition", otherId);
			if (definition.key().equals(VariantRules.PROCESS_KEY)) {
				entry.putAll(VariantDiff.process(other, mine));
			}
			else {
				entry.put("rules", VariantDiff.decision(other, mine));
				if (definition.key().equals(MatterHandling.Decisions.TIME_LIMITS) && other != null) {
					entry.put("timeLimitsChanged", guardrails.decisionRules().compareTimeLimits(DecisionRules.read(other),
							DecisionRules.read(mine), guardrails.domain(unit)));
				}
			}
			diff.put(definition.key(), entry);
		}
		return diff;
	}

	/** Per key, the definition of the unit's variant deployed before this one, where it had that key. */
	private Map<String, String> previousOf(Variants.Variant variant) {
		var previous = new LinkedHashMap<String, String>();
		boolean older = false;
		for (var candidate : variants.of(variant.unitId())) {
			if (older) {
				candidate.own().forEach(definition -> previous.putIfAbsent(definition.key(), definition.id()));
			}
			older |= candidate.deploymentId().equals(variant.deploymentId());
		}
		return previous;
	}

	/** Per key, what the unit would use without any variant of its own: its parent's choice, or the county base. */
	private Map<String, String> inheritedBy(Unit unit) {
		var inherited = new LinkedHashMap<String, String>();
		if (unit.parentId() == null) {
			models.sharedProcess(VariantRules.PROCESS_KEY).ifPresent(process -> inherited.put(VariantRules.PROCESS_KEY, process.id()));
			models.sharedDecisionVersions(VariantRules.DECISION_KEYS).forEach((key, version) ->
					models.decisionId(key, null, version).ifPresent(id -> inherited.put(key, id)));
			return inherited;
		}
		var choice = resolver.forUnit(unit.parentId());
		inherited.put(VariantRules.PROCESS_KEY, resolver.processDefinitionId(unit.parentId()));
		choice.decisions().forEach((key, decision) ->
				models.decisionId(key, decision.tenantId(), decision.version()).ifPresent(id -> inherited.put(key, id)));
		return inherited;
	}

	/** The process each unit at and below this one starts its matters on. */
	private Map<String, String> processesUnder(String unitId) {
		var processes = new LinkedHashMap<String, String>();
		for (Unit unit : directory.unitsUnder(unitId)) {
			processes.put(unit.id(), resolver.processDefinitionId(unit.id()));
		}
		return processes;
	}

	/**
	 * When a unit's process changed, moves its running matters onto the new one, each matter in a
	 * transaction of its own: a matter the engine cannot move stays whole on the version it was on.
	 */
	private Migration migrate(Map<String, String> before) {
		// the facade has checked the caller; the matters are the unit's own
		return engine.asApplication(() -> migrateAsApplication(before));
	}

	private Migration migrateAsApplication(Map<String, String> before) {
		int migrated = 0;
		int skipped = 0;
		var reasons = new ArrayList<String>();
		var plans = new LinkedHashMap<String, Plan>();
		for (var entry : before.entrySet()) {
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

	/**
	 * The files, plus the forms their process refers to but does not bring, taken from the deployment of
	 * the process the unit uses now: a variant's tasks find their forms in their own deployment.
	 */
	private Map<String, byte[]> withInheritedForms(String unitId, Map<String, byte[]> files) {
		var resources = new LinkedHashMap<>(files);
		var brought = new java.util.HashSet<String>();
		var wanted = new java.util.TreeSet<String>();
		files.forEach((name, bytes) -> {
			if (name.endsWith(".form")) {
				formId(bytes).ifPresent(brought::add);
			}
			else if (Guardrails.isOf(name, Guardrails.BPMN)) {
				var matcher = FORM_REF.matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
				while (matcher.find()) {
					wanted.add(matcher.group(1));
				}
			}
		});
		wanted.removeAll(brought);
		if (wanted.isEmpty() || directory.unit(unitId).isEmpty()) {
			return resources;
		}
		String deployment = models.deploymentOf(resolver.processDefinitionId(unitId)).orElseThrow();
		models.forms(deployment).forEach((name, bytes) -> {
			if (formId(bytes).filter(wanted::contains).isPresent() && !resources.containsKey(name)) {
				resources.put(name, bytes);
			}
		});
		return resources;
	}

	private static Optional<String> formId(byte[] bytes) {
		try {
			return Guardrails.formId(bytes);
		}
		catch (java.io.IOException ex) {
			return Optional.empty(); // not a form: the guardrails say so when it is deployed
		}
	}

}
