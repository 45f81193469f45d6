package org.civicloop.organization;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;

/** Acting in the engine as an account: with its groups and its tenants, as the engine's own REST API does. */
public final class EngineAccounts {

	private EngineAccounts() {
	}

	public static void authenticate(IdentityService identity, String user) {
		List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
		List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
			.map(Tenant::getId).toList();
		identity.setAuthentication(user, groups, tenants);
	}

}
