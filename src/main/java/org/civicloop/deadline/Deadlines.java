package org.civicloop.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.civicloop.matter.Labels;
import org.civicloop.matter.MatterProperties;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * Turns the limits of the {@code time-limits} table into due dates and warning times, counted from
 * the engine's clock. Limits run in calendar hours and days for now.
 */
@Component
public class Deadlines {

	private final DeadlineProperties properties;

	private final MatterProperties matters;

	private final Clock clock;

	Deadlines(DeadlineProperties properties, MatterProperties matters, Clock clock) {
		this.properties = properties;
		this.matters = matters;
		this.clock = clock;
	}

	/** When the warning fires and when the limit runs out, for a limit starting now. */
	public Schedule schedule(Duration limit) {
		Instant start = clock.instant();
		long warnAfter = (long) (limit.toSeconds() * properties.warnAtFraction());
		return new Schedule(start.plusSeconds(warnAfter), start.plus(limit));
	}

	/** Reads one limit of the {@code time-limits} decision result the process holds. */
	static int limit(DelegateExecution execution, String output) {
		@SuppressWarnings("unchecked")
		var limits = (Map<String, Object>) execution.getVariable(TIME_LIMITS);
		Object value = limits == null ? null : limits.get(output);
		if (!(value instanceof Number number) || number.intValue() <= 0) {
			throw new IllegalStateException("time-limits gave no positive " + output + " for this matter");
		}
		return number.intValue();
	}

	String shown(Instant instant) {
		return Labels.time(instant, matters.zone());
	}

	/** A deadline and the earlier moment its warning fires. */
	public record Schedule(Instant warnAt, Instant due) {

		public Date warnAtDate() {
			return Date.from(warnAt);
		}

		public Date dueDate() {
			return Date.from(due);
		}

	}

}
