package org.civicloop.security;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

import org.springframework.stereotype.Component;

/**
 * The engine's check whether a caller may do one thing (claim this task, complete it, start this process),
 * answered from the caller's grants on the resources asked about instead of the engine's own statement.
 *
 * <p>The engine builds that statement anew for every check: for a task's four alternative permissions a
 * dynamic SQL of 170 parameters, which MyBatis assembles through OGNL in about a millisecond of CPU — with
 * running it, a sixth of the server's CPU samples on the whole loop over HTTP (README, "Measured").
 * Where no revocation applies to the caller (CivicLoop grants, never revokes; the engine finds out once per
 * command), the engine's answer is simply whether any of the caller's own grants, their groups' grants or a
 * global authorization covers the permission's bits on the resource or on every resource ({@code *}), for
 * any of the alternative permissions asked. That is what {@link Manager} answers, from
 * one plain query on the engine's connection, inside its transaction. Every other shape of check — with
 * revocations in play, a default for "no authorization found", a resource named by a query column, joint or
 * nested checks — goes to the engine as before. {@code GrantChecksIntegrationTests} compares both answers over
 * random grants and checks.
 *
 * <p>Before its own statement, the engine narrows the caller's groups to those that hold any grant, and finds
 * those by reading every group of the authorization table ({@code select distinct GROUP_ID_}) once per command:
 * a scan that grows with the open tasks (each grants its department). {@link Manager} asks the table about the
 * caller's own groups only, an index look-up; which groups are kept is the same.
 */
@Component
class GrantChecks extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		var factories = configuration.getCustomSessionFactories() == null ? new ArrayList<SessionFactory>()
				: new ArrayList<>(configuration.getCustomSessionFactories());
		String table = configuration.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
		factories.add(new SessionFactory() {

			@Override
			public Class<?> getSessionType() {
				return AuthorizationManager.class;
			}

			@Override
			public Session openSession() {
				return new Manager(table);
			}

		});
		configuration.setCustomSessionFactories(factories);
	}

	/** The engine's authorization manager, answering plain grant checks and narrowing groups itself. */
	static final class Manager extends AuthorizationManager {

		private final String table;

		private List<String> asked;

		private List<String> granted;

		Manager(String table) {
			this.table = table;
		}

		@Override
		public boolean isAuthorized(String userId, List<String> groupIds, CompositePermissionCheck check) {
			if (userId == null || !plain(check) || !check.getAllPermissionChecks().stream().allMatch(this::isResourceValidForPermission)
					|| isRevokeAuthCheckEnabled(userId, groupIds)) {
				return super.isAuthorized(userId, groupIds, check);
			}
			return holds(check, grants(userId, groupIds, check.getAllPermissionChecks()));
		}

		/** The engine's own answer, for comparison. */
		boolean enginesAnswer(String userId, List<String> groupIds, CompositePermissionCheck check) {
			return super.isAuthorized(userId, groupIds, check);
		}

		/**
		 * One permission, or alternatives: what the engine asks of a task, a process or a definition. (Its
		 * statement fails on joint checks of more than one permission and on some nested ones; those stay its own.)
		 */
		static boolean plain(CompositePermissionCheck check) {
			var atomic = check.getAtomicChecks();
			return check.getCompositeChecks().isEmpty() && !atomic.isEmpty() && (check.isDisjunctive() || atomic.size() == 1)
					&& atomic.stream().allMatch(Manager::plain);
		}

		private static boolean plain(PermissionCheck check) {
			return check.getResourceIdQueryParam() == null && check.getAuthorizationNotFoundReturnValue() == null;
		}

		private static boolean holds(CompositePermissionCheck check, List<Grant> grants) {
			return check.getAtomicChecks().stream().anyMatch(atomic -> covered(atomic, grants));
		}

		/** A grant on the resource itself or on every resource of its type, holding every bit asked for. */
		private static boolean covered(PermissionCheck check, List<Grant> grants) {
			String id = check.getResourceId();
			boolean named = id != null && !id.equals(Authorization.ANY);
			return grants.stream().anyMatch(grant -> grant.resourceType() == check.getResourceType()
					&& (grant.perms() & check.getPerms()) == check.getPerms()
					&& (grant.resourceId().equals(Authorization.ANY) || named && grant.resourceId().equals(id)));
		}

		/** A grant (to the caller or one of their groups) or a global authorization. */
		record Grant(int resourceType, String resourceId, int perms) {
		}

		/**
		 * Every grant to the caller, their groups or everyone on the resources asked about or on all of their
		 * type: a handful of rows, found by the index on the resource id.
		 */
		private List<Grant> grants(String userId, List<String> groupIds, List<PermissionCheck> checks) {
			Set<Integer> types = new LinkedHashSet<>();
			Set<String> ids = new LinkedHashSet<>();
			ids.add(Authorization.ANY);
			for (PermissionCheck check : checks) {
				types.add(check.getResourceType());
				if (check.getResourceId() != null) {
					ids.add(check.getResourceId());
				}
			}
			List<String> groups = named(groupIds);
			String sql = "select RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ from " + table + " where RESOURCE_ID_ in (" + marks(ids.size())
					+ ") and RESOURCE_TYPE_ in (" + marks(types.size()) + ") and (TYPE_ = " + Authorization.AUTH_TYPE_GLOBAL
					+ " and USER_ID_ = ? or TYPE_ = " + Authorization.AUTH_TYPE_GRANT + " and (USER_ID_ = ?"
					+ (groups.isEmpty() ? "" : " or GROUP_ID_ in (" + marks(groups.size()) + ")") + "))";
			// the command's own connection and transaction, as the engine's own statement would use
			try (PreparedStatement statement = getDbSqlSession().getSqlSession().getConnection().prepareStatement(sql)) {
				int i = 1;
				for (String id : ids) {
					statement.setString(i++, id);
				}
				for (int type : types) {
					statement.setInt(i++, type);
				}
				statement.setString(i++, Authorization.ANY);
				statement.setString(i++, userId);
				for (String group : groups) {
					statement.setString(i++, group);
				}
				var grants = new ArrayList<Grant>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						grants.add(new Grant(rows.getInt(1), rows.getString(2), rows.getInt(3)));
					}
				}
				return grants;
			}
			catch (SQLException failed) {
				throw new ProcessEngineException("Could not read the grants of " + userId, failed);
			}
		}

		@Override
		public List<String> filterAuthenticatedGroupIds(List<String> groups) {
			List<String> named = named(groups);
			if (named.isEmpty()) {
				return Collections.emptyList();
			}
			if (granted == null || !named.equals(asked)) {
				asked = named;
				granted = withGrants(named);
			}
			return new ArrayList<>(granted);
		}

		private List<String> withGrants(List<String> groups) {
			String sql = "select distinct GROUP_ID_ from " + table + " where GROUP_ID_ in (" + marks(groups.size()) + ")";
			try (PreparedStatement statement = getDbSqlSession().getSqlSession().getConnection().prepareStatement(sql)) {
				for (int i = 0; i < groups.size(); i++) {
					statement.setString(i + 1, groups.get(i));
				}
				var found = new ArrayList<String>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						found.add(rows.getString(1));
					}
				}
				return List.copyOf(found);
			}
			catch (SQLException failed) {
				throw new ProcessEngineException("Could not read which groups hold grants", failed);
			}
		}

		private static List<String> named(List<String> groups) {
			return groups == null ? List.of() : groups.stream().filter(Objects::nonNull).distinct().toList();
		}

		private static String marks(int count) {
			return String.join(", ", Collections.nCopies(count, "?"));
		}

	}

}
