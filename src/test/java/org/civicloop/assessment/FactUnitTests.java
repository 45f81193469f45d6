package org.civicloop.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.civicloop.matter.store.Timeline;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactUnitTests {

	private static final Instant AT = Instant.parse("2026-11-30T01:00:00Z");

	/** A matter routed, signed for and handled late, waiting for its return visit. */
	private static Fact handled() {
		var fact = new Fact(1, "road-damage", "qingshi", AT);
		Fact.Tally ignored = tally(new ArrayList<>());
		fact.apply(new Timeline.Entry(Timeline.Kind.ROUTED, AT, "routed", "dept-transport", null, ""), ignored);
		fact.apply(new Timeline.Entry(Timeline.Kind.TASK_CREATED, AT, "sign-for", "dept-transport", null, "", AT.plusSeconds(3600), null, null), ignored);
		fact.apply(new Timeline.Entry(Timeline.Kind.SIGNED, AT.plusSeconds(60), "sign-for", "dept-transport", "transport.he", ""), ignored);
		fact.apply(new Timeline.Entry(Timeline.Kind.TASK_CREATED, AT, "handle", "dept-transport", "transport.he", "", AT.plusSeconds(7200), null, null), ignored);
		fact.apply(new Timeline.Entry(Timeline.Kind.HANDLED, AT.plusSeconds(9000), "handle", "dept-transport", "transport.he", ""), ignored);
		return fact;
	}

	private static Fact.Tally tally(List<Object> added) {
		return new Fact.Tally() {

			@Override
			public void add(Fact fact, Instant at, String department, String cadre, Counter counter) {
				added.add(counter);
			}

			@Override
			public void add(Fact fact, Instant at, String department, String cadre, Measure measure, long seconds) {
				added.add(measure);
			}

		};
	}

	@Test
	void theUncountedStepsChangeNoFactAndCountNothing() {
		for (Timeline.Kind kind : Fact.UNCOUNTED) {
			Fact fact = handled();
			var before = fact.state();
			var added = new ArrayList<Object>();
			fact.apply(new Timeline.Entry(kind, AT.plusSeconds(10000), "review", "dispatch-centre", "dispatcher", "", AT.plusSeconds(20000),
					"satisfied", true), tally(added));
			assertThat(fact.state()).as(kind.name()).isEqualTo(before);
			assertThat(added).as(kind.name()).isEmpty();
		}
	}

}
