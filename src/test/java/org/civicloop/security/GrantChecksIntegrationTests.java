package org.civicloop.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.civicloop.CivicLoopTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GrantChecks} answers every check as the engine's own statement does: random grants to a caller, their
 * groups, other callers and everyone (sometimes with revocations, which the engine answers), on two resource
 * types of their own (so no real grant takes part), each asked hundreds of random single, alternative, joint
 * and nested checks on the database the tests run on.
 */
@CivicLoopTest
class GrantChecksIntegrationTests {

	private static final Resource FIRST = new TestResource("eq-first", 9101);

	private static final Resource SECOND = new TestResource("eq-second", 9102);

	private static final Permission[] BITS = { new Bits("ONE", 1 << 1), new Bits("TWO", 1 << 2), new Bits("THREE", 1 << 3),
			new Bits("FOUR", 1 << 4) };

	private static final List<String> IDS = java.util.Arrays.asList("r1", "r2", "r3", Authorization.ANY, null);

	private static final List<String> GROUPS = List.of("eq-g1", "eq-g2", "eq-g3", "eq-g4");

	private static final String CALLER = "eq.caller";

	@Autowired
	AuthorizationService authorizations;

	@Autowired
	ProcessEngine engine;

	@AfterEach
	void removeTheTestGrants() {
		for (Resource resource : List.of(FIRST, SECOND)) {
			authorizations.createAuthorizationQuery().resourceType(resource).list()
				.forEach(authorization -> authorizations.deleteAuthorization(authorization.getId()));
		}
	}

	@Test
	void theEngineUsesThePlainCheck() {
		Object manager = inCommand(context -> context.getAuthorizationManager());
		assertThat(manager).isInstanceOf(GrantChecks.Manager.class);
	}

	@Test
	void answersEveryRandomCheckAsTheEnginesStatementDoes() {
		var random = new Random(20261129);
		int granted = 0, refused = 0, plain = 0, revoked = 0;
		for (int round = 0; round < 24; round++) {
			removeTheTestGrants();
			grantAtRandom(random, round % 4 == 3);
			for (int i = 0; i < 40; i++) {
				CompositePermissionCheck check = random.nextInt(6) == 0 ? nested(random) : atomics(random);
				List<String> groups = GROUPS.stream().filter(group -> random.nextBoolean()).toList();
				// each in a command of its own, as the engine asks: it learns once per command whether revocations apply
				String ours = answer(() -> inCommand(context -> context.getAuthorizationManager().isAuthorized(CALLER, groups, check)));
				String engines = answer(() -> inCommand(context -> ((GrantChecks.Manager) context.getAuthorizationManager())
					.enginesAnswer(CALLER, groups, check)));
				assertThat(ours).as("round %d, check %s, groups %s", round, describe(check), groups).isEqualTo(engines);
				boolean revocationsOurs = inCommand(context -> ((GrantChecks.Manager) context.getAuthorizationManager())
					.isRevokeAuthCheckEnabled(CALLER, groups));
				boolean revocationsEngines = inCommand(context -> ((GrantChecks.Manager) context.getAuthorizationManager())
					.enginesRevocationAnswer(CALLER, groups));
				assertThat(revocationsOurs).as("revocations apply, round %d, groups %s", round, groups).isEqualTo(revocationsEngines);
				revoked += revocationsEngines ? 1 : 0;
				granted += engines.equals("true") ? 1 : 0;
				refused += engines.equals("false") ? 1 : 0;
				plain += round % 4 != 3 && GrantChecks.Manager.plain(check) ? 1 : 0;
			}
		}
		// the comparison means something: both answers occur, and most checks took the plain path
		assertThat(granted).isGreaterThan(100);
		assertThat(refused).isGreaterThan(100);
		assertThat(plain).isGreaterThan(350);
		assertThat(revoked).isGreaterThan(40).isLessThan(24 * 40 - 100);
	}

	/** true, false, or the failure: the engine's statement fails on joint checks, and so must the plain check. */
	private static String answer(java.util.function.Supplier<Boolean> check) {
		try {
			return String.valueOf(check.get());
		}
		catch (RuntimeException failed) {
			return failed.getClass().getSimpleName();
		}
	}

	private void grantAtRandom(Random random, boolean withRevocations) {
		Set<String> made = new HashSet<>();
		for (int i = 0; i < 14; i++) {
			int kind = random.nextInt(withRevocations ? 5 : 4);
			int type = kind == 3 ? Authorization.AUTH_TYPE_GLOBAL : kind == 4 ? Authorization.AUTH_TYPE_REVOKE : Authorization.AUTH_TYPE_GRANT;
			String user = switch (kind) {
				case 0 -> CALLER;
				case 1 -> "eq.other";
				case 4 -> random.nextBoolean() ? CALLER : null;
				default -> null;
			};
			String group = (kind == 2 || kind == 4) && user == null ? GROUPS.get(random.nextInt(GROUPS.size())) : null;
			Resource resource = random.nextBoolean() ? FIRST : SECOND;
			String id = IDS.get(random.nextInt(IDS.size() - 1));
			if (!made.add(type + "/" + user + "/" + group + "/" + resource.resourceType() + "/" + id)) {
				continue;
			}
			Authorization authorization = authorizations.createNewAuthorization(type);
			if (user != null) {
				authorization.setUserId(user);
			}
			if (group != null) {
				authorization.setGroupId(group);
			}
			authorization.setResource(resource);
			authorization.setResourceId(id);
			for (Permission bits : BITS) {
				if (random.nextInt(3) > 0) {
					if (type == Authorization.AUTH_TYPE_REVOKE) {
						authorization.removePermission(bits);
					}
					else {
						authorization.addPermission(bits);
					}
				}
			}
			authorizations.saveAuthorization(authorization);
		}
	}

	private static CompositePermissionCheck atomics(Random random) {
		// mostly alternatives, as the engine asks; sometimes joint checks, which its statement fails on
		var check = new CompositePermissionCheck(random.nextInt(4) > 0);
		for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
			check.addAtomicCheck(atomic(random));
		}
		return check;
	}

	private static CompositePermissionCheck nested(Random random) {
		var check = new CompositePermissionCheck(random.nextBoolean());
		for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
			check.addCompositeCheck(atomics(random));
		}
		return check;
	}

	private static PermissionCheck atomic(Random random) {
		var check = new PermissionCheck();
		check.setResource(random.nextBoolean() ? FIRST : SECOND);
		check.setResourceId(IDS.get(random.nextInt(IDS.size())));
		int bits = 0;
		while (bits == 0) {
			for (Permission permission : BITS) {
				bits |= random.nextInt(3) == 0 ? permission.getValue() : 0;
			}
		}
		check.setPermission(new Bits("ASKED", bits));
		return check;
	}

	private static String describe(CompositePermissionCheck check) {
		var parts = new ArrayList<String>();
		check.getAtomicChecks().forEach(atomic -> parts.add(atomic.getResourceType() + ":" + atomic.getResourceId() + ":" + atomic.getPerms()));
		check.getCompositeChecks().forEach(inner -> parts.add(describe(inner)));
		return "(" + String.join(check.isDisjunctive() ? " or " : " and ", parts) + ")";
	}

	private <T> T inCommand(org.camunda.bpm.engine.impl.interceptor.Command<T> command) {
		return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(command);
	}

	private record TestResource(String resourceName, int resourceType) implements Resource {
	}

	/** A permission on the two test resources only. */
	private record Bits(String name, int value) implements Permission {

		@Override
		public String getName() {
			return name;
		}

		@Override
		public int getValue() {
			return value;
		}

		@Override
		public Resource[] getTypes() {
			return new Resource[] { FIRST, SECOND };
		}

	}

}
