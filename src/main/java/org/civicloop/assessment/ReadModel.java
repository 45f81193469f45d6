package org.civicloop.assessment;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.store.Timeline;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the read model up to date: each matter event changes the matter's fact row at once and its roll-up
 * counts when the step's transaction commits (all of a transaction's counts together, in key order); both
 * roll back with the step. {@link #rebuild()} derives the same tables again from the matter records and their
 * timelines.
 */
@Component
class ReadModel {

	private final KpiStore store;

	private final Timeline timeline;

	private final JdbcTemplate jdbc;

	private final ZoneId zone;

	ReadModel(KpiStore store, Timeline timeline, JdbcTemplate jdbc, MatterProperties properties) {
		this.store = store;
		this.timeline = timeline;
		this.jdbc = jdbc;
		this.zone = properties.zone();
	}

	@EventListener
	void on(MatterEvent event) {
		if (event instanceof MatterEvent.Registered registered) {
			store.insertFact(new Fact(registered.matter().id(), registered.category(), registered.matter().unit(), registered.at()));
			return;
		}
		Fact fact = store.fact(event.matter().id());
		if (fact == null) {
			return; // registered before assessment existed: a rebuild takes it in
		}
		Tally tally = pending();
		fact.apply(timeline.entryOf(event), tally);
		store.updateFact(fact);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			store.add(tally);
		}
	}

	/** The counts this transaction gathers, written just before it commits. */
	private Tally pending() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return new Tally(zone);
		}
		Tally tally = (Tally) TransactionSynchronizationManager.getResource(this);
		if (tally == null) {
			Tally gathered = new Tally(zone);
			TransactionSynchronizationManager.bindResource(this, gathered);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					store.add(gathered);
					gathered.clear();
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(ReadModel.this);
				}

			});
			tally = gathered;
		}
		return tally;
	}

	/**
	 * Empties the read model and derives it again from every matter's record and stored timeline, in one
	 * transaction, with today's definitions; answers how many matters it took in.
	 */
	@Transactional
	public int rebuild() {
		store.clear();
		Map<Long, Fact> facts = new HashMap<>();
		jdbc.query("select id, category, unit_id, registered_at from matter", rs -> {
			long id = rs.getLong("id");
			facts.put(id, new Fact(id, rs.getString("category"), rs.getString("unit_id"), rs.getTimestamp("registered_at").toInstant()));
		});
		Tally tally = new Tally(zone);
		var reader = new JdbcTemplate(jdbc.getDataSource());
		reader.setFetchSize(5000);
		// in the order the steps were recorded, which is each matter's own order
		reader.query("select matter_id, occurred_at, kind, stage, department, actor, '' as note, due_at, satisfaction, resolved from matter_event order by id",
				rs -> {
					Fact fact = facts.get(rs.getLong("matter_id"));
					if (fact != null) {
						fact.apply(Timeline.entry(rs), tally);
					}
				});
		store.saveFacts(facts.values(), true);
		store.insert(tally);
		return facts.size();
	}

}
