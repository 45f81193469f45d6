package org.civicloop.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit trail: what CivicLoop records itself (deployments, reads of full reporter contact) and what
 * the engine's user operation log holds about grants and deployments, read together for administrators.
 */
@Repository
public class Audit {

	private final JdbcClient jdbc;

	/** Looked up when first read: the deployment guard, an engine plugin, needs this before the engine exists. */
	private final ObjectProvider<HistoryService> history;

	Audit(JdbcClient jdbc, ObjectProvider<HistoryService> history) {
		this.jdbc = jdbc;
		this.history = history;
	}

	public void record(String actor, String action, String target, String detail) {
		jdbc.sql("insert into audit_event (occurred_at, actor, action, target, detail) values (:at, :actor, :action, :target, :detail)")
			.param("at", Timestamp.from(Instant.now()))
			.param("actor", actor)
			.param("action", action)
			.param("target", target)
			.param("detail", detail)
			.update();
	}

	/** Everything since a moment, newest first, at most {@code limit} entries of each source. */
	public List<Entry> since(Instant since, int limit) {
		var entries = new ArrayList<Entry>(jdbc.sql("""
				select occurred_at, actor, action, target, detail from audit_event
				where occurred_at >= :since order by occurred_at desc, id desc""")
			.param("since", Timestamp.from(since))
			.query((rs, row) -> new Entry(rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
					rs.getString("action"), rs.getString("target"), rs.getString("detail")))
			.list().stream().limit(limit).toList());
		for (String type : List.of(EntityTypes.AUTHORIZATION, EntityTypes.DEPLOYMENT)) {
			for (UserOperationLogEntry entry : history.getObject().createUserOperationLogQuery().entityType(type)
				.afterTimestamp(java.util.Date.from(since.minusMillis(1))).orderByTimestamp().desc().listPage(0, limit)) {
				entries.add(new Entry(entry.getTimestamp().toInstant(), entry.getUserId(),
						type.toLowerCase() + "." + entry.getOperationType().toLowerCase(),
						entry.getEntityType() + (entry.getDeploymentId() != null ? " " + entry.getDeploymentId() : ""),
						entry.getProperty() == null ? null : entry.getProperty() + ": " + entry.getNewValue()));
			}
		}
		entries.sort(Comparator.comparing(Entry::at).reversed());
		return entries;
	}

	/** One audited act. */
	public record Entry(Instant at, String actor, String action, String target, String detail) {
	}

}
