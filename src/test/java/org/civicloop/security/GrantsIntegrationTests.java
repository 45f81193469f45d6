package org.civicloop.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role holds exactly the grants of its row in the README's role table — listed here in full, written
 * apart from the code that makes them — and the grants that were too wide are tried and refused.
 */
@CivicLoopTest
class GrantsIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String CADRE = "APPLICATION tasklist ACCESS; FILTER * READ; USER * READ; GROUP * READ; "
			+ "PROCESS_DEFINITION matter-handling READ";

	/** The README's role table, grant by grant: resource, resource id, permissions. */
	private static final Map<String, String> TABLE = Map.of(
			"camunda-admin", Arrays.stream(Resources.values()).map(resource -> resource.name() + " * ALL").collect(Collectors.joining("; ")),
			"designers", CADRE + "; APPLICATION cockpit ACCESS; DEPLOYMENT * CREATE,READ; PROCESS_DEFINITION * READ,READ_HISTORY; "
					+ "DECISION_DEFINITION * READ,READ_HISTORY; DECISION_REQUIREMENTS_DEFINITION * READ; PROCESS_INSTANCE * READ",
			"dispatch-centre", "APPLICATION tasklist ACCESS; FILTER * READ; USER * READ; GROUP * READ; "
					+ "PROCESS_DEFINITION matter-handling CREATE_INSTANCE,READ,READ_HISTORY,READ_INSTANCE,READ_TASK; PROCESS_INSTANCE * CREATE",
			"dept-urban", CADRE,
			"unit-shangtang", CADRE,
			"unit-admins", "APPLICATION cockpit ACCESS; DEPLOYMENT * CREATE,READ; PROCESS_DEFINITION * READ; DECISION_DEFINITION * READ; "
					+ "DECISION_REQUIREMENTS_DEFINITION * READ",
			"leaders", "APPLICATION cockpit ACCESS; PROCESS_DEFINITION * READ,READ_HISTORY,READ_INSTANCE; PROCESS_INSTANCE * READ; "
					+ "DECISION_DEFINITION * READ",
			"operators", "APPLICATION cockpit ACCESS; PROCESS_DEFINITION * READ,READ_HISTORY,READ_INSTANCE,RETRY_JOB; "
					+ "PROCESS_INSTANCE * READ,RETRY_JOB; DECISION_DEFINITION * READ; DEPLOYMENT * READ",
			"intake-systems", "PROCESS_DEFINITION matter-handling CREATE_INSTANCE,READ; PROCESS_INSTANCE * CREATE");

	private static final Set<String> ALL_UNITS = Set.of("qinghe", "qingshi", "shangtang", "xiatang", "liuwan", "hebin", "xinqiao");

	@LocalServerPort
	int port;

	@Autowired
	AuthorizationService authorizations;

	@Autowired
	IdentityService identity;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	MatterProcess process;

	@Autowired
	org.camunda.bpm.engine.ProcessEngine engine;

	/** The engine narrows a caller's groups to those holding grants; CivicLoop's look-up keeps the same ones. */
	@Test
	void groupsAreNarrowedToThoseHoldingGrantsAsTheEngineDoes() {
		var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		var groups = new java.util.ArrayList<>(List.of("dept-urban", "dispatch-centre", "no-such-group", "unit-shangtang", "dept-urban"));
		groups.add(null);
		var kept = configuration.getCommandExecutorTxRequired().execute(context -> {
			var ours = context.getAuthorizationManager();
			var camundas = new org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager();
			assertThat(ours).isInstanceOf(GrantChecks.Manager.class);
			assertThat(new TreeSet<>(ours.filterAuthenticatedGroupIds(groups)))
				.isEqualTo(new TreeSet<>(camundas.filterAuthenticatedGroupIds(groups)));
			assertThat(ours.filterAuthenticatedGroupIds(List.of())).isEmpty();
			return ours.filterAuthenticatedGroupIds(groups);
		});
		assertThat(kept).containsExactlyInAnyOrder("dept-urban", "dispatch-centre", "unit-shangtang");
	}

	@Test
	void eachRoleHoldsExactlyTheGrantsOfItsRow() {
		var actual = new TreeMap<String, Set<String>>();
		var expected = new TreeMap<String, Set<String>>();
		TABLE.forEach((group, row) -> {
			var grants = new TreeSet<>(List.of(row.split("; ")));
			grants.add("GROUP " + group + " READ"); // every group reads itself
			expected.put(group, grants);
			actual.put(group, grantsOf(group));
		});

		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void anAccountReadsAndUpdatesItselfAndNoMore() {
		for (String user : List.of("housing.li", "hotline-system", "demo")) {
			var own = authorizations.createAuthorizationQuery().userIdIn(user).resourceType(Resources.USER).resourceId(user).singleResult();
			assertThat(Arrays.stream(own.getPermissions(ResourceTypeUtil.getPermissionsByResourceType(Resources.USER.resourceType())))
				.map(Permission::getName).filter(name -> !name.equals("NONE")).sorted().toList()).as(user).containsExactly("READ", "UPDATE");
		}
	}

	@Test
	void onlyCountyWideRolesAreInEveryUnitsTenantAndUnitAdministratorsInNone() {
		for (String group : List.of("designers", "leaders", "operators", "intake-systems", "dispatch-centre", "dept-urban")) {
			assertThat(tenantsOf(group)).as(group).isEqualTo(ALL_UNITS);
		}
		assertThat(tenantsOf("unit-admins")).isEmpty();
		assertThat(tenantsOf("office-qingshi")).containsExactlyInAnyOrder("qingshi", "shangtang", "xiatang");
		assertThat(tenantsOf("unit-shangtang")).containsExactly("shangtang");
	}

	@Test
	void operatorsRetryFailedWorkButChangeNoMatter() throws Exception {
		Http http = new Http(port);
		Matter matter = process.register(new NewMatter("hotline", "complaint", "street-light", "normal", "县城路灯不亮三天",
				"qinghe", "县城主街", null, new Contact("运维测", "13855550001")), "operator");
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(matter.trackingNo()).singleResult().getId();
		String timer = management.createJobQuery().processInstanceId(instance).timers().list().get(0).getId();

		var jump = http.postJson("ops", "/engine-rest/process-instance/" + instance + "/modification",
				"{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"task_closeMatter\"}]}");
		var suspend = http.send(http.request("ops", "/engine-rest/process-instance/" + instance + "/suspended")
			.header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"suspended\":true}")).build());
		var delete = http.send(http.request("ops", "/engine-rest/process-instance/" + instance).DELETE().build());
		var retry = http.send(http.request("ops", "/engine-rest/job/" + timer + "/retries")
			.header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"retries\":3}")).build());

		assertThat(jump.statusCode()).as(jump.body()).isEqualTo(403);
		assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(403);
		assertThat(delete.statusCode()).as(delete.body()).isIn(403, 404);
		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(204);
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).active().count()).isOne();
	}

	@Test
	void aUnitAdministratorCannotDeleteWhatTheyDeployedNorReadAnotherUnitsVariants() throws Exception {
		Http http = new Http(port);
		byte[] table = Files.readAllBytes(Path.of("processes/time-limits.dmn"));
		var own = http.deploy("shangtang.admin", "shangtang", "time-limits.dmn", table);
		var other = http.deploy("demo", "hebin", "time-limits.dmn", table);
		try {
			assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
			assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
			String ownId = JSON.readTree(own.body()).path("id").asText();
			String otherId = JSON.readTree(other.body()).path("id").asText();

			var delete = http.send(http.request("shangtang.admin", "/engine-rest/deployment/" + ownId + "?cascade=true").DELETE().build());
			var readOther = http.get("shangtang.admin", "/engine-rest/deployment/" + otherId);
			var listOther = http.get("shangtang.admin", "/engine-rest/deployment?tenantIdIn=hebin");
			var definitionsOther = http.get("shangtang.admin", "/engine-rest/decision-definition?tenantIdIn=hebin");

			assertThat(delete.statusCode()).as(delete.body()).isEqualTo(403);
			assertThat(repository.createDeploymentQuery().deploymentId(ownId).count()).isOne();
			assertThat(readOther.statusCode()).isEqualTo(404);
			assertThat(JSON.readTree(listOther.body())).isEmpty();
			assertThat(JSON.readTree(definitionsOther.body())).isEmpty();
			assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.DEPLOYMENT).hasPermission(Permissions.DELETE)
				.list()).allMatch(grant -> "camunda-admin".equals(grant.getGroupId()));
		}
		finally {
			http.send(http.request("demo", "/api/units/shangtang/variants/active").DELETE().build());
			http.send(http.request("demo", "/api/units/hebin/variants/active").DELETE().build());
		}
	}

	@Test
	void designersDeployButNeitherStartNorChangeMatters() throws Exception {
		Http http = new Http(port);
		Matter matter = process.register(new NewMatter("hotline", "complaint", "street-light", "normal", "县城路灯不亮三天",
				"qinghe", "县城主街", null, new Contact("设计测", "13855550002")), "operator");
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(matter.trackingNo()).singleResult().getId();

		var start = http.postJson("designer", "/engine-rest/process-definition/key/matter-handling/submit-form",
				RoleMatrixIntegrationTests.MATTER);
		var jump = http.postJson("designer", "/engine-rest/process-instance/" + instance + "/modification",
				"{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"task_closeMatter\"}]}");
		var definition = repository.createProcessDefinitionQuery().processDefinitionKey("matter-handling").withoutTenantId()
			.latestVersion().singleResult();
		var suspend = http.send(http.request("designer", "/engine-rest/process-definition/" + definition.getId() + "/suspended")
			.header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
					"{\"suspended\":true,\"includeProcessInstances\":true}")).build());

		assertThat(start.statusCode()).as(start.body()).isEqualTo(403);
		assertThat(jump.statusCode()).as(jump.body()).isEqualTo(403);
		assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(403);
		assertThat(repository.createProcessDefinitionQuery().processDefinitionId(definition.getId()).active().count()).isOne();
	}

	/** A group's grants as "RESOURCE id PERMISSIONS", without the grants on single tasks its candidacies give it. */
	private Set<String> grantsOf(String group) {
		var grants = new TreeSet<String>();
		for (Authorization authorization : authorizations.createAuthorizationQuery().groupIdIn(group).list()) {
			int type = authorization.getResourceType();
			boolean single = !"*".equals(authorization.getResourceId());
			if (single && (type == Resources.TASK.resourceType() || type == Resources.TENANT.resourceType())) {
				continue; // single tasks (candidacies); tenants (memberships, tested on their own)
			}
			String resource = Arrays.stream(Resources.values()).filter(r -> r.resourceType() == type).findFirst().orElseThrow().name();
			String permissions = authorization.isPermissionGranted(Permissions.ALL) ? "ALL"
					: Arrays.stream(authorization.getPermissions(ResourceTypeUtil.getPermissionsByResourceType(type)))
						.map(Permission::getName).filter(name -> !name.equals("NONE") && !name.equals("ALL")).sorted()
						.collect(Collectors.joining(","));
			grants.add(resource + " " + authorization.getResourceId() + " " + permissions);
		}
		return grants;
	}

	private Set<String> tenantsOf(String group) {
		return identity.createTenantQuery().groupMember(group).list().stream().map(Tenant::getId).collect(Collectors.toSet());
	}

}
