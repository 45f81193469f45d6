package org.civicloop.variant;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.civicloop.organization.Directory;
import org.civicloop.security.Audit;
import org.civicloop.organization.Roles;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Deployments are code, so they are checked inside the engine, before any other deployer runs: the
 * same for {@code /engine-rest/deployment/create} (Camunda Modeler), the Java API and CivicLoop's own
 * facade. A refused deployment changes nothing.
 *
 * <ul>
 * <li>the {@link Guardrails} for every deployment: the no-code rules for all, the variant rules for
 * deployments into a unit's tenant;
 * <li>designers and administrators deploy anywhere (shared or any tenant);
 * <li>a unit administrator deploys only into the tenant of a unit whose group they belong to, never shared;
 * <li>nobody else deploys (they also lack the engine's DEPLOYMENT CREATE grant).
 * </ul>
 * Deployments the application makes itself at start (no one logged in) pass the guardrails too.
 *
 * <p>After the engine has parsed a deployment into a unit's tenant, the variant is recorded and becomes
 * what the unit uses, in the same transaction: its own definitions, plus what the unit already used of
 * its own for the keys it does not define (a Modeler user deploys one table at a time).
 *
 * <p>The engine's expressions see only the allow-listed beans, so a model the rules let through still
 * cannot reach any other bean of the application.
 */
@Component
class DeploymentGuard extends AbstractProcessEnginePlugin implements Deployer {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeploymentGuard.class);

	private final Guardrails guardrails;

	private final Directory directory;

	private final Variants variants;

	private final Audit audit;

	private final ApplicationContext context;

	private final java.time.Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry metrics;

	DeploymentGuard(Guardrails guardrails, Directory directory, Variants variants, Audit audit, ApplicationContext context,
			java.time.Clock clock, io.micrometer.core.instrument.MeterRegistry metrics) {
		this.clock = clock;
		this.metrics = metrics;
		this.guardrails = guardrails;
		this.directory = directory;
		this.variants = variants;
		this.audit = audit;
		this.context = context;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setCustomPreDeployers(with(configuration.getCustomPreDeployers(), this));
		configuration.setCustomPostDeployers(with(configuration.getCustomPostDeployers(), this::recordVariant));
		configuration.setExpressionManager(new SpringExpressionManager(context, new AllowedBeans(guardrails.allowedBeans(), context)));
	}

	private static List<Deployer> with(List<Deployer> deployers, Deployer added) {
		var all = deployers == null ? new ArrayList<Deployer>() : new ArrayList<>(deployers);
		all.add(added);
		return all;
	}

	@Override
	public void deploy(DeploymentEntity deployment) {
		if (!deployment.isNew()) {
			return; // an existing deployment being read back into the cache
		}
		var authentication = Context.getCommandContext().getAuthentication();
		String user = authentication == null ? null : authentication.getUserId();
		if (authentication != null) {
			List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
			if (!(groups.contains(Roles.ADMIN) || groups.contains(Roles.DESIGNERS))) {
				checkUnitAdministrator(deployment, user, groups);
			}
		}
		Map<String, byte[]> resources = new LinkedHashMap<>();
		for (ResourceEntity resource : deployment.getResources().values()) {
			resources.put(resource.getName(), resource.getBytes());
		}
		var violations = guardrails.check(resources, deployment.getTenantId());
		if (!violations.isEmpty()) {
			var refused = new GuardrailViolations(violations);
			log.warn("Deployment \"{}\" into {} by {} refused by the guardrails: {}", deployment.getName(),
					deployment.getTenantId() == null ? "the shared repository" : "tenant " + deployment.getTenantId(), user, refused.rules());
			// civicloop.guardrails.refused{rule}: deployments refused, counted once per rule they broke
			refused.violations().stream().map(Violation::rule).distinct()
				.forEach(rule -> metrics.counter("civicloop.guardrails.refused", "rule", rule).increment());
			throw refused;
		}
		if (authentication != null) {
			audit.record(user, "deployment.create", (deployment.getTenantId() == null ? "shared" : "tenant " + deployment.getTenantId())
					+ ": " + deployment.getName(), String.join(", ", resources.keySet()));
		}
	}

	private void recordVariant(DeploymentEntity deployment) {
		if (!deployment.isNew() || deployment.getTenantId() == null) {
			return;
		}
		var definitions = new ArrayList<Variants.Definition>();
		for (var process : deployment.getDeployedArtifacts(ProcessDefinitionEntity.class) == null ? List.<ProcessDefinitionEntity>of()
				: deployment.getDeployedArtifacts(ProcessDefinitionEntity.class)) {
			// a unit's matters are started from the county's process; the unit chosen in its form picks this one
			process.setStartableInTasklist(false);
			definitions.add(new Variants.Definition(process.getKey(), process.getId(), process.getVersion(), true));
		}
		for (var decision : deployment.getDeployedArtifacts(DecisionDefinitionEntity.class) == null ? List.<DecisionDefinitionEntity>of()
				: deployment.getDeployedArtifacts(DecisionDefinitionEntity.class)) {
			definitions.add(new Variants.Definition(decision.getKey(), decision.getId(), decision.getVersion(), true));
		}
		var authentication = Context.getCommandContext().getAuthentication();
		String user = authentication == null ? null : authentication.getUserId();
		var at = clock.instant();
		var own = definitions.stream().map(Variants.Definition::key).toList();
		variants.activeIn(List.of(deployment.getTenantId())).getOrDefault(deployment.getTenantId(), Map.of()).values().stream()
			.filter(active -> !own.contains(active.key()))
			.forEach(active -> definitions.add(new Variants.Definition(active.key(), active.definitionId(), active.version(), false)));
		variants.record(deployment.getId(), deployment.getTenantId(), user, at, definitions);
		variants.activate(new Variants.Variant(deployment.getId(), deployment.getTenantId(), user, at, null, definitions), user, at);
	}

	private void checkUnitAdministrator(DeploymentEntity deployment, String user, List<String> groups) {
		if (!groups.contains(Roles.UNIT_ADMINS)) {
			throw new AuthorizationException("User " + user + " may not deploy: only process designers and unit administrators do");
		}
		Set<String> units = unitsAdministeredBy(groups);
		String tenant = deployment.getTenantId();
		if (tenant == null) {
			throw new AuthorizationException("User " + user + " may deploy only into the tenant of their unit " + units
					+ "; this deployment names no tenant");
		}
		if (!units.contains(tenant)) {
			throw new AuthorizationException("User " + user + " may deploy only into the tenant of their unit " + units
					+ ", not into " + tenant);
		}
	}

	/** The units whose administrator a member of these groups is. */
	Set<String> unitsAdministeredBy(List<String> groups) {
		return directory.offices().entrySet().stream()
			.filter(office -> !directory.roles().contains(office.getKey()))
			.filter(office -> groups.contains(office.getKey().id()))
			.map(office -> office.getValue()).collect(Collectors.toCollection(java.util.TreeSet::new));
	}

	/** The beans expressions can reach, looked up when first used: the delegates exist only after the engine. */
	private static final class AllowedBeans extends AbstractMap<Object, Object> {

		private final Set<String> names;

		private final ApplicationContext context;

		AllowedBeans(Set<String> names, ApplicationContext context) {
			this.names = names;
			this.context = context;
		}

		@Override
		public boolean containsKey(Object key) {
			return names.contains(key);
		}

		@Override
		public Object get(Object key) {
			return names.contains(key) ? context.getBean((String) key) : null;
		}

		@Override
		public Set<Entry<Object, Object>> entrySet() {
			return names.stream().<Entry<Object, Object>>map(name -> new SimpleImmutableEntry<>(name, get(name)))
				.collect(Collectors.toSet());
		}

	}

}
