package org.civicloop.matter.store;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.civicloop.matter.Labels;
import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.model.MatterHandling.Stages;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.system.BeforeCommit;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Repository;

/**
 * Each matter's timeline: who was responsible at every step, when, and what they did — the responsibility
 * chain the staff and public views read. Written by listening to the {@link MatterEvent}s, one entry each,
 * in the transaction of the step that published it: its entries together, just before it commits. Offered to
 * other modules as the named interface {@code timeline}: assessment reads what each event means for responsibility
 * as the timeline records it.
 */
@NamedInterface("timeline")
@Repository
public class Timeline {

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final Directory directory;

	private final ZoneId zone;

	Timeline(NamedParameterJdbcTemplate jdbc, Directory directory, MatterProperties properties) {
		this.jdbc = JdbcClient.create(jdbc);
		this.batch = jdbc;
		this.directory = directory;
		this.zone = properties.zone();
	}

	@EventListener
	public void on(MatterEvent event) {
		var row = row(event.matter().id(), entryOf(event));
		Pending pending = BeforeCommit.of(Pending.class, Pending::new);
		if (pending == null) {
			insert(List.of(row));
			return;
		}
		pending.rows.add(row);
		pending.gathered();
	}

	private static MapSqlParameterSource row(long matterId, Entry entry) {
		return new MapSqlParameterSource()
			.addValue("matter", matterId)
			.addValue("at", Timestamp.from(entry.at()))
			.addValue("kind", entry.kind().name())
			.addValue("stage", entry.stage(), Types.VARCHAR)
			.addValue("department", entry.department(), Types.VARCHAR)
			.addValue("actor", entry.actor(), Types.VARCHAR)
			.addValue("note", entry.note(), Types.VARCHAR)
			.addValue("due", entry.due() == null ? null : Timestamp.from(entry.due()), Types.TIMESTAMP)
			.addValue("satisfaction", entry.satisfaction(), Types.VARCHAR)
			.addValue("resolved", entry.resolved(), Types.BOOLEAN);
	}

	private void insert(List<MapSqlParameterSource> rows) {
		batch.batchUpdate("""
				insert into matter_event (matter_id, occurred_at, kind, stage, department, actor, note, due_at, satisfaction, resolved)
				values (:matter, :at, :kind, :stage, :department, :actor, :note, :due, :satisfaction, :resolved)""",
				rows.toArray(MapSqlParameterSource[]::new));
	}

	/** A transaction's entries, in the order of its events, inserted together (one statement on PostgreSQL) before it commits. */
	private final class Pending extends BeforeCommit {

		private final List<MapSqlParameterSource> rows = new ArrayList<>();

		@Override
		protected void write() {
			if (!rows.isEmpty()) {
				var written = List.copyOf(rows);
				rows.clear();
				insert(written);
			}
		}

	}

	/** The timeline entry of an event: its kind, stage, responsible department, cadre and a note without contacts. */
	public Entry entryOf(MatterEvent event) {
		if (event instanceof MatterEvent.Registered e) {
			return new Entry(Kind.REGISTERED, e.at(), Stages.REGISTERED, Roles.DISPATCH_CENTRE, e.registeredBy(),
					"渠道 " + e.channel());
		}
		if (event instanceof MatterEvent.Routed e) {
			return new Entry(Kind.ROUTED, e.at(), Stages.ROUTED, e.leadDepartment(), null,
					"牵头 " + directory.officeName(e.leadDepartment()) + (e.coDepartments().isEmpty() ? ""
							: "；协办 " + String.join("、", e.coDepartments().stream().map(directory::officeName).toList())));
		}
		if (event instanceof MatterEvent.Offered e) {
			return new Entry(Kind.TASK_CREATED, e.at(), e.stage(), e.department(), e.assignee(),
					e.task() + (e.due() == null ? "" : "，时限 " + shown(e.due())), e.due(), null, null);
		}
		if (event instanceof MatterEvent.Claimed e) {
			return new Entry(Kind.CLAIMED, e.at(), e.stage(), e.department(), e.cadre(), e.task());
		}
		if (event instanceof MatterEvent.SignedFor e) {
			return new Entry(Kind.SIGNED, e.at(), Stages.SIGN_FOR, e.department(), e.cadre(), "签收");
		}
		if (event instanceof MatterEvent.Returned e) {
			return new Entry(Kind.RETURNED, e.at(), Stages.SIGN_FOR, e.department(), e.cadre(), returnNote(e));
		}
		if (event instanceof MatterEvent.Redispatched e) {
			return new Entry(Kind.REDISPATCHED, e.at(), Stages.REDISPATCH, Roles.DISPATCH_CENTRE, e.cadre(),
					redispatchNote(e));
		}
		if (event instanceof MatterEvent.Handled e) {
			return new Entry(Kind.HANDLED, e.at(), Stages.HANDLE, e.department(), e.cadre(),
					Labels.handlingResult(e.result()) + "：" + e.reply());
		}
		if (event instanceof MatterEvent.CoHandled e) {
			return new Entry(Kind.CO_HANDLED, e.at(), Stages.CO_HANDLE, e.department(), e.cadre(), e.reply());
		}
		if (event instanceof MatterEvent.Reviewed e) {
			return e.accepted() ? new Entry(Kind.ACCEPTED, e.at(), Stages.REVIEW, Roles.DISPATCH_CENTRE, e.cadre(), "审核通过")
					: new Entry(Kind.SENT_BACK, e.at(), Stages.REVIEW, Roles.DISPATCH_CENTRE, e.cadre(), sendBackNote(e));
		}
		if (event instanceof MatterEvent.Visited e) {
			return new Entry(Kind.VISITED, e.at(), Stages.RETURN_VISIT, e.department(), e.cadre(),
					Labels.satisfaction(e.satisfaction()) + "，" + Labels.resolved(e.resolved()), null, e.satisfaction(), e.resolved());
		}
		if (event instanceof MatterEvent.Evaluated e) {
			return new Entry(Kind.CITIZEN_EVALUATED, e.at(), Stages.RETURN_VISIT, null, null,
					Labels.satisfaction(e.satisfaction()) + "，" + Labels.resolved(e.resolved()), null, e.satisfaction(), e.resolved());
		}
		if (event instanceof MatterEvent.StepDone e) {
			return new Entry(Kind.TASK_CREATED, e.at(), e.stage(), e.department(), e.cadre(), e.task() + " 完成");
		}
		if (event instanceof MatterEvent.ReworkStarted e) {
			return new Entry(Kind.REWORK, e.at(), Stages.REWORK, e.leadDepartment(), null, e.note());
		}
		if (event instanceof MatterEvent.Closed e) {
			return new Entry(Kind.CLOSED, e.at(), Stages.CLOSED, e.leadDepartment(), null,
					"unsatisfied".equals(e.satisfaction()) ? "重办次数已满，按不满意办结" : "群众" + Labels.satisfaction(e.satisfaction()),
					null, e.satisfaction(), null);
		}
		if (event instanceof MatterEvent.Repeated e) {
			return new Entry(Kind.REPEATED, e.at(), e.stage(), null, e.caller(),
					"群众再次反映（" + e.channel() + "）：" + e.description());
		}
		if (event instanceof MatterEvent.Warned e) {
			return new Entry(Kind.WARNING, e.at(), e.stage(), e.department(), null,
					"临近时限预警（黄灯），时限 " + shown(e.due()), e.due(), null, null);
		}
		if (event instanceof MatterEvent.ExtensionRequested e) {
			return new Entry(Kind.EXTENSION_REQUESTED, e.at(), Stages.HANDLE, e.department(), e.cadre(),
					"申请延期 " + e.days() + " 个工作日：" + e.reason());
		}
		if (event instanceof MatterEvent.ExtensionDecided e) {
			return new Entry(e.approved() ? Kind.EXTENSION_APPROVED : Kind.EXTENSION_REFUSED, e.at(), Stages.EXTENSION,
					Roles.DISPATCH_CENTRE, e.cadre(), (e.approved() ? "同意延期 " + e.days() + " 个工作日：" : "不同意延期：") + e.note());
		}
		if (event instanceof MatterEvent.Extended e) {
			return new Entry(Kind.EXTENDED, e.at(), e.stage(), e.department(), null, "时限顺延至 " + shown(e.due()), e.due(), null, null);
		}
		if (event instanceof MatterEvent.Supervised e) {
			String prefix = Stages.SIGN_FOR.equals(e.stage()) ? "督办（未签收）：" : "督办：";
			String what = prefix + switch (e.decision()) {
				case "new-limit" -> "重新限时 " + e.days() + " 个工作日";
				case "escalate" -> "提级督办";
				default -> "再次催办";
			};
			return new Entry(Kind.SUPERVISED, e.at(), Stages.SUPERVISION, e.supervisor(), e.cadre(), what + "。" + e.note());
		}
		if (event instanceof MatterEvent.Relimited e) {
			return new Entry(Kind.RELIMITED, e.at(), e.stage(), e.department(), null, "督办重新限时至 " + shown(e.due()), e.due(), null, null);
		}
		if (event instanceof MatterEvent.Urged e) {
			return new Entry(Kind.URGE, e.at(), e.stage(), e.department(), null, "已到期催办（红灯），时限 " + shown(e.due()), e.due(), null, null);
		}
		throw new IllegalArgumentException("No timeline entry for " + event);
	}

	/** The line the forms' history shows for a return. */
	public String returnNote(MatterEvent.Returned returned) {
		return "退单（" + directory.officeName(returned.department()) + "）：" + returned.reason() + "，" + returned.note();
	}

	public String redispatchNote(MatterEvent.Redispatched redispatched) {
		return "改派至" + directory.officeName(redispatched.leadDepartment()) + "：" + redispatched.note();
	}

	public static String sendBackNote(MatterEvent.Reviewed reviewed) {
		return "审核退回：" + reviewed.note();
	}

	private String shown(Instant instant) {
		return Labels.time(instant, zone);
	}

	public List<Entry> of(long matterId) {
		BeforeCommit.writeGathered(Pending.class);
		return jdbc.sql("select * from matter_event where matter_id = :matter order by occurred_at, id")
			.param("matter", matterId)
			.query((rs, row) -> entry(rs))
			.list();
	}

	/** A stored entry from a row of {@code matter_event}. */
	public static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp due = rs.getTimestamp("due_at");
		boolean resolved = rs.getBoolean("resolved");
		return new Entry(Kind.valueOf(rs.getString("kind")), rs.getTimestamp("occurred_at").toInstant(), rs.getString("stage"),
				rs.getString("department"), rs.getString("actor"), rs.getString("note"), due == null ? null : due.toInstant(),
				rs.getString("satisfaction"), rs.wasNull() ? null : resolved);
	}

	/** What happened on a matter. */
	@NamedInterface("timeline")
	public enum Kind {

		REGISTERED, REPEATED, ROUTED, TASK_CREATED, CLAIMED, SIGNED, RETURNED, REDISPATCHED, HANDLED, CO_HANDLED, SENT_BACK,
		ACCEPTED, VISITED, CITIZEN_EVALUATED, REWORK, WARNING, URGE, EXTENSION_REQUESTED, EXTENSION_APPROVED,
		EXTENSION_REFUSED, EXTENDED, SUPERVISED, RELIMITED, CLOSED

	}

	/**
	 * One step: its kind and time, the stage, the responsible department (group id) and the cadre
	 * (user id) where one acted, and a note free of reporter contact; for assessment also the limit a task,
	 * warning, urge or new limit names, and the satisfaction and resolution a return visit, an evaluation or
	 * the closure records.
	 */
	@NamedInterface("timeline")
	public record Entry(Kind kind, Instant at, String stage, String department, String actor, String note, Instant due,
			String satisfaction, Boolean resolved) {

		public Entry(Kind kind, Instant at, String stage, String department, String actor, String note) {
			this(kind, at, stage, department, actor, note, null, null, null);
		}

	}

}
