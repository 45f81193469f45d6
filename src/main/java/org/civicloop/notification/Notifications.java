package org.civicloop.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notifications and their outbox. A notification is stored once per key: adding it again (a timer run
 * twice, a retried job, a second node) adds nothing. Its deliveries to outside channels are claimed by one
 * node at a time, for {@code claim} at most, so two nodes never send the same delivery at once.
 */
@Repository
class Notifications {

	private final JdbcClient jdbc;

	Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a notification unless one with its key exists, with a pending delivery for each channel due
	 * {@code sendFrom} (the outbox runs on the system clock, the notification's time is the engine's); in the
	 * caller's transaction. True when it was new.
	 */
	boolean add(Notice notice, List<String> channels, Instant at, Instant sendFrom) {
		int added = jdbc.sql("""
				insert into notification (dedup_key, recipient, matter_id, tracking_no, kind, stage, due_at, title, body, created_at)
				select :key, :recipient, :matter, :trackingNo, :kind, :stage, :due, :title, :body, :at
				where not exists (select 1 from notification where dedup_key = :key)""")
			.param("key", notice.key()).param("recipient", notice.recipient()).param("matter", notice.matterId())
			.param("trackingNo", notice.trackingNo()).param("kind", notice.kind()).param("stage", notice.stage())
			.param("due", notice.due() == null ? null : Timestamp.from(notice.due())).param("title", notice.title()).param("body", notice.body())
			.param("at", Timestamp.from(at))
			.update();
		if (added == 0) {
			return false;
		}
		long id = jdbc.sql("select id from notification where dedup_key = :key").param("key", notice.key()).query(Long.class).single();
		for (String channel : channels) {
			jdbc.sql("""
					insert into notification_delivery (notification_id, channel, state, attempts, next_attempt_at)
					values (:id, :channel, 'pending', 0, :at)""")
				.param("id", id).param("channel", channel).param("at", Timestamp.from(sendFrom)).update();
		}
		return true;
	}

	/** An account's notifications, newest first. */
	List<InboxEntry> inbox(String recipient, boolean unreadOnly, int limit) {
		return jdbc.sql("select id, kind, tracking_no, stage, due_at, title, body, created_at, read_at from notification"
				+ " where recipient = :recipient" + (unreadOnly ? " and read_at is null" : "") + " order by created_at desc, id desc limit :limit")
			.param("recipient", recipient).param("limit", limit)
			.query((rs, row) -> new InboxEntry(rs.getLong("id"), rs.getString("kind"), rs.getString("tracking_no"), rs.getString("stage"),
					instant(rs, "due_at"), rs.getString("title"), rs.getString("body"), instant(rs, "created_at"), instant(rs, "read_at")))
			.list();
	}

	/** Marks one of the account's own notifications read; false when the account has no such notification. */
	boolean markRead(long id, String recipient, Instant at) {
		return jdbc.sql("update notification set read_at = coalesce(read_at, :at) where id = :id and recipient = :recipient")
			.param("at", Timestamp.from(at)).param("id", id).param("recipient", recipient).update() == 1;
	}

	/** Pending deliveries whose time has come and that no node holds. */
	List<Outgoing> due(Instant now, int limit) {
		return jdbc.sql("""
				select d.id, d.channel, d.attempts, n.dedup_key, n.recipient, n.kind, n.tracking_no, n.stage, n.due_at,
				       n.title, n.body, n.created_at
				from notification_delivery d join notification n on n.id = d.notification_id
				where d.state = 'pending' and d.next_attempt_at <= :now and (d.claimed_until is null or d.claimed_until < :now)
				order by d.next_attempt_at, d.id limit :limit""")
			.param("now", Timestamp.from(now)).param("limit", limit)
			.query((rs, row) -> new Outgoing(rs.getLong("id"), rs.getString("channel"), rs.getInt("attempts"),
					new Notice(rs.getString("dedup_key"), rs.getString("recipient"), null, rs.getString("tracking_no"), rs.getString("kind"),
							rs.getString("stage"), instant(rs, "due_at"), rs.getString("title"), rs.getString("body")),
					instant(rs, "created_at")))
			.list();
	}

	/** Takes a delivery for {@code until}; false when another node took it first. */
	boolean claim(long delivery, Instant now, Instant until) {
		return jdbc.sql("""
				update notification_delivery set claimed_until = :until
				where id = :id and state = 'pending' and (claimed_until is null or claimed_until < :now)""")
			.param("until", Timestamp.from(until)).param("id", delivery).param("now", Timestamp.from(now)).update() == 1;
	}

	void sent(long delivery, int attempts, Instant at) {
		jdbc.sql("update notification_delivery set state = 'sent', attempts = :attempts, sent_at = :at, claimed_until = null, last_error = null where id = :id")
			.param("attempts", attempts).param("at", Timestamp.from(at)).param("id", delivery).update();
	}

	/** A failed attempt: tried again at {@code next}, or dead when {@code next} is null. */
	void failed(long delivery, int attempts, Instant next, String error) {
		jdbc.sql("""
				update notification_delivery set state = :state, attempts = :attempts, next_attempt_at = coalesce(:next, next_attempt_at),
				       claimed_until = null, last_error = :error where id = :id""")
			.param("state", next == null ? "dead" : "pending").param("attempts", attempts)
			.param("next", next == null ? null : Timestamp.from(next)).param("error", error).param("id", delivery).update();
	}

	/** Deliveries in a state, the latest first: what operators look at. */
	List<Delivery> deliveries(String state, int limit) {
		return jdbc.sql("""
				select d.id, d.channel, d.state, d.attempts, d.next_attempt_at, d.last_error, d.sent_at, n.dedup_key, n.recipient,
				       n.tracking_no, n.title
				from notification_delivery d join notification n on n.id = d.notification_id
				where d.state = :state order by d.id desc limit :limit""")
			.param("state", state).param("limit", limit)
			.query((rs, row) -> new Delivery(rs.getLong("id"), rs.getString("channel"), rs.getString("state"), rs.getInt("attempts"),
					instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "sent_at"), rs.getString("dedup_key"),
					rs.getString("recipient"), rs.getString("tracking_no"), rs.getString("title")))
			.list();
	}

	/** Sends a dead delivery again from its first attempt; false when there is no dead delivery with this id. */
	boolean retry(long delivery, Instant now) {
		return jdbc.sql("""
				update notification_delivery set state = 'pending', attempts = 0, next_attempt_at = :now, claimed_until = null
				where id = :id and state = 'dead'""")
			.param("now", Timestamp.from(now)).param("id", delivery).update() == 1;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

	/**
	 * What a notification says, to whom, once per {@code key}. No citizen's name, phone or address is ever in it.
	 * A report's notification names no matter: no matter id, tracking number or due time.
	 */
	record Notice(String key, String recipient, Long matterId, String trackingNo, String kind, String stage, Instant due,
			String title, String body) {
	}

	/** A notification in an account's inbox. */
	record InboxEntry(long id, String kind, String trackingNo, String stage, Instant due, String title, String body,
			Instant createdAt, Instant readAt) {
	}

	/** A delivery to send: its channel, the attempts so far and the notification. */
	record Outgoing(long id, String channel, int attempts, Notice notice, Instant createdAt) {
	}

	/** A delivery as operators see it. */
	record Delivery(long id, String channel, String state, int attempts, Instant nextAttemptAt, String lastError, Instant sentAt,
			String key, String recipient, String trackingNo, String title) {
	}

}
