package org.civicloop.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.civicloop.organization.Directory;

import org.springframework.stereotype.Component;

/**
 * Deployments are code, so they are checked inside the engine, before any other deployer runs — the same
 * for the Tasklist-free paths: {@code /engine-rest/deployment/create} (Camunda Modeler), the Java API and
 * CivicLoop's own facade. A refused deployment changes nothing.
 *
 * <ul>
 * <li>no resource larger than {@code civicloop.security.max-resource-size}, no XML with a DOCTYPE;
 * <li>designers and administrators deploy anywhere (shared or any tenant);
 * <li>a unit administrator deploys only into the tenant of a unit whose group they belong to, never shared;
 * <li>nobody else deploys (they also lack the engine's DEPLOYMENT CREATE grant).
 * </ul>
 * Deployments the application makes itself at start (no one logged in) pass the content checks only.
 */
@Component
class DeploymentGuard extends AbstractProcessEnginePlugin implements Deployer {

	private final Directory directory;

	private final SecurityProperties properties;

	private final Audit audit;

	DeploymentGuard(Directory directory, SecurityProperties properties, Audit audit) {
		this.directory = directory;
		this.properties = properties;
		this.audit = audit;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
				: new ArrayList<>(configuration.getCustomPreDeployers());
		deployers.add(this);
		configuration.setCustomPreDeployers(deployers);
	}

	@Override
	public void deploy(DeploymentEntity deployment) {
		if (!deployment.isNew()) {
			return; // an existing deployment being read back into the cache
		}
		for (ResourceEntity resource : deployment.getResources().values()) {
			checkContent(resource);
		}
		var authentication = Context.getCommandContext().getAuthentication();
		if (authentication == null) {
			return;
		}
		List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
		String user = authentication.getUserId();
		if (!(groups.contains(Roles.ADMIN) || groups.contains(Roles.DESIGNERS))) {
			checkUnitAdministrator(deployment, user, groups);
		}
		audit.record(user, "deployment.create", (deployment.getTenantId() == null ? "shared" : "tenant " + deployment.getTenantId())
				+ ": " + deployment.getName(), String.join(", ", deployment.getResources().keySet()));
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

	private Set<String> unitsAdministeredBy(List<String> groups) {
		return directory.offices().entrySet().stream()
			.filter(office -> !directory.roles().contains(office.getKey()))
			.filter(office -> groups.contains(office.getKey().id()))
			.map(office -> office.getValue()).collect(Collectors.toCollection(java.util.TreeSet::new));
	}

	private void checkContent(ResourceEntity resource) {
		byte[] bytes = resource.getBytes() == null ? new byte[0] : resource.getBytes();
		long limit = properties.maxResourceSize().toBytes();
		if (bytes.length > limit) {
			throw refused(resource, "is " + bytes.length + " bytes; a resource may have at most " + limit);
		}
		String head = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
		if (head.contains("<!DOCTYPE") || head.contains("<!ENTITY")) {
			throw refused(resource, "contains a DOCTYPE or entity declaration, which CivicLoop never accepts");
		}
	}

	private static ParseException refused(ResourceEntity resource, String why) {
		return new ParseException("Deployment refused: resource " + resource.getName() + " " + why, resource.getName(),
				List.of(), List.of());
	}

}
