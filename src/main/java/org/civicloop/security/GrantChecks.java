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

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.civicloop.system.EngineSessions;

import org.springframework.stereotype.Component;

/**
 * The engine's check whether a caller may do one thing (claim this task, complete it, start this process),
 * answered from the caller's grants on the resources asked about instead of the engine's own statement.
 *
 * <p>The engine builds that statement anew for every check: for a task's four alternative permissions a
 * dynamic SQL of 170 parameters, which MyBatis assembles through OGNL in about a millisecond of CPU — with
 * running it, a sixth of the server's CPU samples on the whole loop over HTTP (README, "Measured").
 * Where no revocation applies to the caller (CivicLoop grants, never revokes; asked once per command, by a
 * plain query here too), the engine's answer is simply whether any of the caller's own grants, their groups'
 * grants or a global authorization covers the permission's bits on the resource or on every resource
 * ({@code *}), for any of the alternative permissions asked. That is what {@link Manager} answers, from
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
		String table = configuration.getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
		EngineSessions.add(configuration, AuthorizationManager.class, () -> new Manager(table));
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
			List<PermissionCheck> checks = check.getAllPermissionChecks();
			if (userId == null || !plain(check) || !checks.stream().allMatch(this::isResourceValidForPermission)
					|| isRevokeAuthCheckEnabled(userId, groupIds)) {
				return super.isAuthorized(userId, groupIds, check);
			}
			return holds(check, grants(userId, groupIds, checks));
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
			var parameters = new ArrayList<Object>(ids);
			parameters.addAll(types);
			parameters.add(Authorization.ANY);
			parameters.add(userId);
			parameters.addAll(groups);
			return rows(sql, parameters, row -> new Grant(row.getInt(1), row.getString(2), row.getInt(3)));
		}

		/**
		 * Whether any revocation names the caller, everyone or one of the caller's groups — what the engine asks
		 * once per command (in its default mode, {@code auto}) before every check and every query it restricts,
		 * by a dynamic statement MyBatis assembles each time. Asked here by a plain one; its groups are the
		 * caller's own (a group holding a revocation holds a row, so narrowing them first changes nothing).
		 */
		@Override
		protected boolean isRevokeAuthCheckEnabled(String userId, List<String> groupIds) {
			if (isRevokeAuthCheckUsed == null && userId != null && revocationsLookedUp()) {
				List<String> groups = named(groupIds);
				String sql = "select case when exists (select ID_ from " + table + " where TYPE_ = " + Authorization.AUTH_TYPE_REVOKE
						+ " and (USER_ID_ in (?, ?)" + (groups.isEmpty() ? "" : " or GROUP_ID_ in (" + marks(groups.size()) + ")")
						+ ")) then 1 else 0 end";
				var parameters = new ArrayList<Object>(List.of(userId, Authorization.ANY));
				parameters.addAll(groups);
				isRevokeAuthCheckUsed = rows(sql, parameters, row -> row.getInt(1)).get(0) == 1;
			}
			return super.isRevokeAuthCheckEnabled(userId, groupIds);
		}

		/** The engine's default mode, {@code auto}: neither {@code always} nor {@code never} assumed. */
		private static boolean revocationsLookedUp() {
			String mode = Context.getProcessEngineConfiguration().getAuthorizationCheckRevokes();
			return !ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_ALWAYS.equalsIgnoreCase(mode)
					&& !ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER.equalsIgnoreCase(mode);
		}

		/** The engine's own answer, for comparison. */
		boolean enginesRevocationAnswer(String userId, List<String> groupIds) {
			return super.isRevokeAuthCheckEnabled(userId, groupIds);
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
			return List.copyOf(rows(sql, groups, row -> row.getString(1)));
		}

		/** Rows of a query on the command's own connection and in its transaction, as the engine's statements run. */
		private <T> List<T> rows(String sql, List<?> parameters, RowReader<T> reader) {
			try (PreparedStatement statement = getDbSqlSession().getSqlSession().getConnection().prepareStatement(sql)) {
				for (int i = 0; i < parameters.size(); i++) {
					statement.setObject(i + 1, parameters.get(i));
				}
				var found = new ArrayList<T>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						found.add(reader.read(rows));
					}
				}
				return found;
			}
			catch (SQLException failed) {
				throw new ProcessEngineException("Could not read the authorizations", failed);
			}
		}

		private interface RowReader<T> {

			T read(ResultSet row) throws SQLException;

		}

		private static List<String> named(List<String> groups) {
			return groups == null ? List.of() : groups.stream().filter(Objects::nonNull).distinct().toList();
		}

		private static String marks(int count) {
			return String.join(", ", Collections.nCopies(count, "?"));
		}

	}

}
