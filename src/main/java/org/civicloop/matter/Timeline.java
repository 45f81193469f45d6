package org.civicloop.matter;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each matter's timeline: who was responsible at every step, when, and what they did — the
 * responsibility chain the public progress view and the dashboard read.
 */
@Repository
public class Timeline {

	private final JdbcClient jdbc;

	Timeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(long matterId, Entry entry) {
		jdbc.sql("""
				insert into matter_event (matter_id, occurred_at, kind, stage, department, actor, note)
				values (:matter, :at, :kind, :stage, :department, :actor, :note)""")
			.param("matter", matterId)
			.param("at", Timestamp.from(entry.at()))
			.param("kind", entry.kind().name())
			.param("stage", entry.stage())
			.param("department", entry.department())
			.param("actor", entry.actor())
			.param("note", entry.note())
			.update();
	}

	public List<Entry> of(long matterId) {
		return jdbc.sql("select * from matter_event where matter_id = :matter order by occurred_at, id")
			.param("matter", matterId)
			.query((rs, row) -> new Entry(Kind.valueOf(rs.getString("kind")), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("stage"), rs.getString("department"), rs.getString("actor"), rs.getString("note")))
			.list();
	}

	/** What happened on a matter. */
	public enum Kind {

		REGISTERED, REPEATED, ROUTED, TASK_CREATED, CLAIMED, SIGNED, RETURNED, REDISPATCHED, HANDLED, CO_HANDLED, SENT_BACK,
		ACCEPTED, VISITED, CITIZEN_EVALUATED, REWORK, WARNING, URGE, CLOSED

	}

	/**
	 * One step: its kind and time, the stage, the responsible department (group id) and the cadre
	 * (user id) where one acted, and a note free of reporter contact.
	 */
	public record Entry(Kind kind, Instant at, String stage, String department, String actor, String note) {
	}

}
