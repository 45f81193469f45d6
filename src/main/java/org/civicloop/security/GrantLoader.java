package org.civicloop.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.civicloop.matter.MatterHandling;
import org.civicloop.organization.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine grants of every group of the directory, created at start when missing (and widened when
 * a grant lacks a permission), never narrowed or removed: what an administrator adds in Camunda Admin stays.
 *
 * <p>Tasks need no grant here: the engine gives a task's candidate groups and assignee {@code TASK_WORK}
 * on it as it offers the task ({@code defaultUserPermissionNameForTask}), so cadres see and work exactly
 * the tasks of their own department or unit. Administrators ({@code camunda-admin}) hold ALL on every
 * resource type, as Camunda's own set-up gives them.
 */
@Component
@Order(15)
class GrantLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(GrantLoader.class);

	private static final String MATTERS = MatterHandling.PROCESS_KEY;

	private static final String ANY = Authorization.ANY;

	private final AuthorizationService authorizations;

	private final Directory directory;

	GrantLoader(AuthorizationService authorizations, Directory directory) {
		this.authorizations = authorizations;
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
		for (Resource resource : List.of(Resources.DEPLOYMENT, Resources.PROCESS_DEFINITION, Resources.DECISION_DEFINITION,
				Resources.DECISION_REQUIREMENTS_DEFINITION)) {
			grants.add(new Grant(Roles.DESIGNERS, resource, ANY, Permissions.ALL));
		}
		grants.add(new Grant(Roles.DESIGNERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ));

		grants.add(new Grant(Roles.UNIT_ADMINS, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
		grants.add(new Grant(Roles.UNIT_ADMINS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ));
		for (Resource resource : List.of(Resources.PROCESS_DEFINITION, Resources.DECISION_DEFINITION,
				Resources.DECISION_REQUIREMENTS_DEFINITION)) {
			grants.add(new Grant(Roles.UNIT_ADMINS, resource, ANY, Permissions.READ));
		}

		for (String overseer : List.of(Roles.LEADERS, Roles.OPERATORS)) {
			grants.add(new Grant(overseer, Resources.APPLICATION, "cockpit", Permissions.ACCESS));
			grants.add(new Grant(overseer, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
					ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY));
			grants.add(new Grant(overseer, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
			grants.add(new Grant(overseer, Resources.DECISION_DEFINITION, ANY, Permissions.READ));
		}
		grants.add(new Grant(Roles.OPERATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
				ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.RETRY_JOB));
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
		int changed = 0;
		for (Grant grant : grants()) {
			changed += ensure(grant);
		}
		log.info("Grants from the directory in place; {} created or widened", changed);
	}

	private int ensure(Grant grant) {
		Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(grant.group())
			.resourceType(grant.resource()).resourceId(grant.resourceId()).singleResult();
		Authorization authorization = existing;
		boolean missing = existing == null;
		if (missing) {
			authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			authorization.setGroupId(grant.group());
			authorization.setResource(grant.resource());
			authorization.setResourceId(grant.resourceId());
		}
		for (Permission permission : grant.permissions()) {
			if (!authorization.isPermissionGranted(permission)) {
				authorization.addPermission(permission);
				missing = true;
			}
		}
		if (!missing) {
			return 0;
		}
		authorizations.saveAuthorization(authorization);
		return 1;
	}

}
