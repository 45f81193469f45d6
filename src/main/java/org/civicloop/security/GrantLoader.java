package org.civicloop.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine grants of every group of the directory, made exactly what the README's role table says at every
 * start: what is missing is added, what is wider is narrowed, what is not listed is removed. A role's grants
 * change here, in code under review, not in Camunda Admin (a change made there lasts until the next start).
 *
 * <p>Tasks need no grant here: the engine gives a task's candidate groups and assignee {@code TASK_WORK}
 * on it as it offers the task ({@code defaultUserPermissionNameForTask}), so cadres see and work exactly
 * the tasks of their own department or unit; those grants on single tasks are left alone. Every group reads
 * itself and the tenants it is a member of, as the engine gives it. Administrators ({@code camunda-admin})
 * hold ALL on every resource, as Camunda's own set-up gives them. Deleting a deployment is the
 * administrators' alone: a grant to delete one given to anybody else is taken back.
 */
@Component
@Order(15)
class GrantLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(GrantLoader.class);

	private static final String MATTERS = MatterHandling.PROCESS_KEY;

	private static final String ANY = Authorization.ANY;

	private final AuthorizationService authorizations;

	private final IdentityService identity;

	private final Directory directory;

	GrantLoader(AuthorizationService authorizations, IdentityService identity, Directory directory) {
		this.authorizations = authorizations;
		this.identity = identity;
		this.directory = directory;
	}

	/** One grant: a group may do these things to this resource (or every one of its kind, {@code *}). */
	record Grant(String group, Resource resource, String resourceId, Permission... permissions) {
	}

	/** Every grant the directory implies. */
	List<Grant> grants() {
		var grants = new ArrayList<Grant>();
		for (Resource resource : Resources.values()) {
			grants.add(new Grant(Roles.ADMIN, resource, ANY, Permissions.ALL));
		}
		for (Directory.Office office : directory.offices().keySet()) {
			if (directory.roles().contains(office)) {
				continue;
			}
			cadreBasics(grants, office.id());
		}
		grants.add(new Grant(Roles.DISPATCH_CENTRE, Resources.PROCESS_DEFINITION, MATTERS, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE,
				ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_HISTORY));
		grants.add(new Grant(Roles.DISPATCH_CENTRE, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));

		grants.add(new Grant(Roles.INTAKE_SYSTEMS, Resources.PROCESS_DEFINITION, MATTERS, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.CREATE_INSTANCE));
		grants.add(new Grant(Roles.INTAKE_SYSTEMS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE));

		cadreBasics(grants, Roles.DESIGNERS);
		grants.add(new Grant(Roles.DESIGNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
		grants.add(new Grant(Roles.DESIGNERS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ));
		grants.add(new Grant(Roles.DESIGNERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_HISTORY));
		grants.add(new Grant(Roles.DESIGNERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
		grants.add(new Grant(Roles.DESIGNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
		grants.add(new Grant(Roles.DESIGNERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));

		grants.add(new Grant(Roles.UNIT_ADMINS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
		grants.add(new Grant(Roles.UNIT_ADMINS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ));
		for (Resource resource : List.of(Resources.PROCESS_DEFINITION, Resources.DECISION_DEFINITION,
				Resources.DECISION_REQUIREMENTS_DEFINITION)) {
			grants.add(new Grant(Roles.UNIT_ADMINS, resource, ANY, Permissions.READ));
		}

		grants.add(new Grant(Roles.LEADERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
		grants.add(new Grant(Roles.LEADERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY));
		grants.add(new Grant(Roles.LEADERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
		grants.add(new Grant(Roles.LEADERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ));

		// operators see everything running and retry failed jobs (incidents); they change no matter
		grants.add(new Grant(Roles.OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
		grants.add(new Grant(Roles.OPERATORS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
				ProcessDefinitionPermissions.RETRY_JOB));
		grants.add(new Grant(Roles.OPERATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
				ProcessInstancePermissions.RETRY_JOB));
		grants.add(new Grant(Roles.OPERATORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ));
		grants.add(new Grant(Roles.OPERATORS, Resources.DEPLOYMENT, ANY, Permissions.READ));
		return grants;
	}

	/** What every cadre needs to work in Tasklist: the app, the shared filters, names of colleagues and groups. */
	private static void cadreBasics(List<Grant> grants, String group) {
		grants.add(new Grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS));
		grants.add(new Grant(group, Resources.FILTER, ANY, Permissions.READ));
		grants.add(new Grant(group, Resources.USER, ANY, Permissions.READ));
		grants.add(new Grant(group, Resources.GROUP, ANY, Permissions.READ));
		grants.add(new Grant(group, Resources.PROCESS_DEFINITION, MATTERS, ProcessDefinitionPermissions.READ));
	}

	@Override
	public void run(ApplicationArguments args) {
		var byGroup = new java.util.LinkedHashMap<String, List<Grant>>();
		directory.offices().keySet().forEach(office -> byGroup.put(office.id(), new ArrayList<>()));
		for (Grant grant : grants()) {
			var ofGroup = byGroup.computeIfAbsent(grant.group(), group -> new ArrayList<>());
			// two grants on one resource are one grant with the permissions of both
			var same = ofGroup.stream().filter(other -> other.resource().resourceType() == grant.resource().resourceType()
					&& other.resourceId().equals(grant.resourceId())).findFirst();
			same.ifPresent(ofGroup::remove);
			ofGroup.add(same.map(other -> new Grant(grant.group(), grant.resource(), grant.resourceId(),
					java.util.stream.Stream.concat(java.util.Arrays.stream(other.permissions()), java.util.Arrays.stream(grant.permissions()))
						.distinct().toArray(Permission[]::new))).orElse(grant));
		}
		int changed = 0;
		for (var group : byGroup.entrySet()) {
			changed += reconcile(group.getKey(), withOwnReads(group.getKey(), group.getValue()));
		}
		changed += takeBackDeploymentDeletes();
		changed += narrowSelfGrants();
		log.info("Grants from the directory in place; {} created, narrowed, widened or removed", changed);
	}

	/** The grants the engine gives every group: reading itself and the tenants it is a member of. */
	private List<Grant> withOwnReads(String group, List<Grant> grants) {
		var all = new ArrayList<>(grants);
		all.add(new Grant(group, Resources.GROUP, group, Permissions.READ));
		for (var tenant : identity.createTenantQuery().groupMember(group).list()) {
			all.add(new Grant(group, Resources.TENANT, tenant.getId(), Permissions.READ));
		}
		return all;
	}

	/** Makes a group's grants exactly these; grants on single tasks come from candidacies and stay. */
	private int reconcile(String group, List<Grant> wanted) {
		int changed = 0;
		var existing = authorizations.createAuthorizationQuery().groupIdIn(group).list().stream()
			.filter(authorization -> authorization.getResourceType() != Resources.TASK.resourceType()
					|| Authorization.ANY.equals(authorization.getResourceId()))
			.toList();
		for (Authorization authorization : existing) {
			var match = wanted.stream().filter(grant -> grant.resource().resourceType() == authorization.getResourceType()
					&& grant.resourceId().equals(authorization.getResourceId())).findFirst();
			if (match.isEmpty() || authorization.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT) {
				authorizations.deleteAuthorization(authorization.getId());
				changed++;
			}
			else if (!sameGrant(authorization, match.get())) {
				authorizations.saveAuthorization(granting(authorization, match.get()));
				changed++;
			}
		}
		for (Grant grant : wanted) {
			boolean present = existing.stream().anyMatch(authorization -> grant.resource().resourceType() == authorization.getResourceType()
					&& grant.resourceId().equals(authorization.getResourceId()) && authorization.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT);
			if (!present) {
				var authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
				authorization.setGroupId(group);
				authorization.setResource(grant.resource());
				authorization.setResourceId(grant.resourceId());
				authorizations.saveAuthorization(granting(authorization, grant));
				changed++;
			}
		}
		return changed;
	}

	private static boolean sameGrant(Authorization authorization, Grant grant) {
		return ((AuthorizationEntity) authorization).getPermissions() == bits(grant);
	}

	private static Authorization granting(Authorization authorization, Grant grant) {
		((AuthorizationEntity) authorization).setPermissions(bits(grant));
		return authorization;
	}

	/** The permissions of a grant as the engine stores them: one bit each, ALL every bit. */
	private static int bits(Grant grant) {
		int bits = 0;
		for (Permission permission : grant.permissions()) {
			bits |= permission.getValue();
		}
		return bits;
	}

	/** An account reads and updates itself, no more (older accounts got ALL on themselves from the engine). */
	private int narrowSelfGrants() {
		int changed = 0;
		int wanted = Permissions.READ.getValue() | Permissions.UPDATE.getValue();
		for (Authorization authorization : authorizations.createAuthorizationQuery().resourceType(Resources.USER).list()) {
			boolean self = authorization.getUserId() != null && authorization.getUserId().equals(authorization.getResourceId());
			if (self && ((AuthorizationEntity) authorization).getPermissions() != wanted) {
				((AuthorizationEntity) authorization).setPermissions(wanted);
				authorizations.saveAuthorization(authorization);
				changed++;
			}
		}
		return changed;
	}

	/** Only administrators delete deployments: the delete the engine once gave each deployer is taken back. */
	private int takeBackDeploymentDeletes() {
		int changed = 0;
		for (Authorization authorization : authorizations.createAuthorizationQuery().resourceType(Resources.DEPLOYMENT)
			.hasPermission(Permissions.DELETE).list()) {
			if (authorization.getUserId() != null || (authorization.getGroupId() != null && !Roles.ADMIN.equals(authorization.getGroupId()))) {
				authorization.removePermission(Permissions.DELETE);
				authorizations.saveAuthorization(authorization);
				changed++;
			}
		}
		return changed;
	}

}
