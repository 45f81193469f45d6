package org.civicloop.system;

import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.stereotype.Component;

/**
 * Runs work in the engine as somebody, and afterwards restores whoever was there before: as the
 * application itself (no account: the engine checks no grant), or as an account with its groups and tenants,
 * as the engine's own REST API would. The one place that switches the engine's authenticated user.
 */
@Component
public class EngineWork {

	private final IdentityService identity;

	EngineWork(IdentityService identity) {
		this.identity = identity;
	}

	/** Work the application does on its own authority, after it has checked the caller itself. */
	public <T> T asApplication(Supplier<T> work) {
		return under(null, work);
	}

	/** Work an account does, with its groups and tenants. */
	public <T> T as(String user, Supplier<T> work) {
		return under(new Authentication(user, groupsOf(user), tenantsOf(user)), work);
	}

	public void as(String user, Runnable work) {
		as(user, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Acts as an account whose groups and tenants an entrance has just verified, until the returned scope is
	 * closed: {@code try (var acting = engine.enter(...)) { chain.doFilter(...); }}.
	 */
	public Scope enter(String user, List<String> groups, List<String> tenants) {
		Authentication before = identity.getCurrentAuthentication();
		identity.setAuthentication(user, groups, tenants);
		return () -> restore(before);
	}

	/** While an account acts; closing it restores whoever acted before. */
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

	private <T> T under(Authentication authentication, Supplier<T> work) {
		Authentication before = identity.getCurrentAuthentication();
		if (authentication == null) {
			identity.clearAuthentication();
		}
		else {
			identity.setAuthentication(authentication);
		}
		try {
			return work.get();
		}
		finally {
			restore(before);
		}
	}

	private void restore(Authentication before) {
		if (before == null) {
			identity.clearAuthentication();
		}
		else {
			identity.setAuthentication(before);
		}
	}

	/** The groups of an account. */
	public List<String> groupsOf(String user) {
		return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
	}

	/** The tenants of an account and of its groups. */
	public List<String> tenantsOf(String user) {
		return identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
			.map(Tenant::getId).toList();
	}

}
