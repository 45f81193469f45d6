package org.civicloop.assessment;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.store.Timeline;
import org.civicloop.system.BeforeCommit;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the read model up to date: each matter event changes the matter's fact and its roll-up counts, written
 * when the step's transaction commits (a transaction's facts together, its counts together in key order); both
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
		Changes changes = BeforeCommit.of(Changes.class, Changes::new);
		if (changes == null) {
			changes = new Changes();
			changes.apply(event);
			changes.write();
			return;
		}
		changes.apply(event);
	}

	/**
	 * What one transaction changes: the facts its events touch, each read once, and their counts, all written
	 * just before it commits (a step's several events cost one read and at most one write of the fact).
	 */
	private final class Changes extends BeforeCommit {

		private final Tally tally = new Tally(zone);

		private final Map<Long, Fact> registered = new LinkedHashMap<>();

		private final Map<Long, Fact> read = new LinkedHashMap<>();

		private final Map<Long, List<Object>> asRead = new HashMap<>();

		Changes() {
			super(true); // the counts of a day, a department, a unit: rows every step writes
		}

		void apply(MatterEvent event) {
			long id = event.matter().id();
			if (event instanceof MatterEvent.Registered matter) {
				registered.put(id, new Fact(id, matter.category(), matter.matter().unit(), matter.at()));
			}
			else {
				var entry = timeline.entryOf(event);
				if (Fact.UNCOUNTED.contains(entry.kind())) {
					return; // a claim, an accepted review: the fact stays as it is, and is not read for it
				}
				Fact fact = registered.containsKey(id) ? registered.get(id) : read.get(id);
				if (fact == null) {
					fact = store.fact(id);
					if (fact == null) {
						return; // registered before assessment existed: a rebuild takes it in
					}
					read.put(id, fact);
					asRead.put(id, fact.state());
				}
				fact.apply(entry, tally);
			}
			gathered();
		}

		@Override
		protected void write() {
			if (!registered.isEmpty()) {
				store.saveFacts(registered.values(), true);
			}
			var changed = read.values().stream().filter(fact -> !fact.state().equals(asRead.get(fact.matterId))).toList();
			if (!changed.isEmpty()) {
				store.saveFacts(changed, false);
			}
			store.add(tally);
			registered.clear();
			read.clear();
			asRead.clear();
			tally.clear();
		}

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
