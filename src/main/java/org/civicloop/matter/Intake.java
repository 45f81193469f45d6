package org.civicloop.matter;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.store.MatterQueries;
import org.civicloop.organization.Caller;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Intake from county systems: a new matter is registered and its process started, or — when it repeats
 * an open one — merged into it; an {@code Idempotency-Key} makes a retry answer with the first outcome.
 *
 * <p>The key is claimed first, in the same transaction as the matter and its process start. A concurrent
 * request with the same key waits on that row and then fails; {@link #replay} answers it from the committed
 * first outcome. So a retry never doubles a matter, however the retries arrive.
 */
@Service
public class Intake {

	private static final Duration REPLAY_WAIT = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final MatterProcess process;

	private final Matters matters;

	private final Duplicates duplicates;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Categories categories;

	private final org.civicloop.organization.Directory directory;

	private final MatterQueries queries;

	Intake(JdbcClient jdbc, MatterProcess process, Matters matters, Duplicates duplicates, ApplicationEventPublisher events,
			Clock clock, Categories categories, org.civicloop.organization.Directory directory, MatterQueries queries) {
		this.events = events;
		this.clock = clock;
		this.queries = queries;
		this.categories = categories;
		this.directory = directory;
		this.jdbc = jdbc;
		this.process = process;
		this.matters = matters;
		this.duplicates = duplicates;
	}

	/** The first request with this Idempotency-Key has not finished (or failed); the client retries later. */
	public static class KeyInFlight extends IllegalStateException {

		public KeyInFlight() {
			super("The first request with this Idempotency-Key has not finished; retry later");
		}

	}

	/** What became of an intake request: a new matter, or the open matter it repeats. */
	public record Outcome(Matter matter, boolean duplicate, boolean replayed) {
	}

	/**
	 * Registers or merges one report, claiming its idempotency key (when there is one) in the same transaction.
	 * @throws NewMatter.InvalidMatterException naming every bad field; nothing is stored
	 * @throws DuplicateKeyException when another request holds the key: answer it with {@link #replay}
	 */
	@Transactional
	public Outcome register(NewMatter report, Caller registrant, String idempotencyKey) {
		String caller = registrant.user();
		var problems = report.problems(categories, directory);
		if (!problems.isEmpty()) {
			throw new NewMatter.InvalidMatterException(problems);
		}
		if (idempotencyKey != null) {
			jdbc.sql("insert into intake_request (caller, idempotency_key, created_at) values (:caller, :key, :at)")
				.param("caller", caller).param("key", idempotencyKey).param("at", Timestamp.from(Instant.now()))
				.update();
		}
		Instant now = clock.instant();
		// a report repeats only a matter the caller may see: another system is told nothing of someone else's matter
		Optional<Matter> original = duplicates.originalOf(report, now)
			.filter(candidate -> queries.visible(registrant, candidate.trackingNo()).isPresent());
		Outcome outcome;
		if (original.isPresent()) {
			Matter repeated = original.get();
			events.publishEvent(new MatterEvent.Repeated(MatterEvents.ref(repeated),
					now, repeated.progress().stage(), report.channel(), caller, report.description()));
			outcome = new Outcome(repeated, true, false);
		}
		else {
			outcome = new Outcome(process.start(report, caller), false, false);
		}
		if (idempotencyKey != null) {
			jdbc.sql("update intake_request set matter_id = :matter, duplicate = :duplicate where caller = :caller and idempotency_key = :key")
				.param("matter", outcome.matter().id()).param("duplicate", outcome.duplicate())
				.param("caller", caller).param("key", idempotencyKey).update();
		}
		return outcome;
	}

	/** The outcome of the first request with this key, waiting briefly for it to commit. */
	public Outcome replay(String caller, String idempotencyKey) {
		Instant giveUp = Instant.now().plus(REPLAY_WAIT);
		while (true) {
			var first = jdbc.sql("select matter_id, duplicate from intake_request where caller = :caller and idempotency_key = :key")
				.param("caller", caller).param("key", idempotencyKey)
				.query((rs, row) -> new Object[] { rs.getObject("matter_id"), rs.getBoolean("duplicate") }).optional();
			if (first.isPresent() && first.get()[0] != null) {
				long matterId = ((Number) first.get()[0]).longValue();
				return new Outcome(matters.byId(matterId).orElseThrow(), (Boolean) first.get()[1], true);
			}
			if (Instant.now().isAfter(giveUp)) {
				throw new KeyInFlight();
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KeyInFlight();
			}
		}
	}

}
