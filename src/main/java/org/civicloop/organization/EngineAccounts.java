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
		identity.setAuthentication(user, groupsOf(identity, user), tenantsOf(identity, user));
	}

	public static List<String> groupsOf(IdentityService identity, String user) {
		return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
	}

	/** The tenants of the user and of the user's groups. */
	public static List<String> tenantsOf(IdentityService identity, String user) {
		return identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
			.map(Tenant::getId).toList();
	}

}
