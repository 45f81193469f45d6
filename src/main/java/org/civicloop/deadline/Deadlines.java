package org.civicloop.deadline;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.civicloop.calendar.BusinessCalendar;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.Labels;
import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.model.MatterHandling.Limits;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * Turns the limits of the {@code time-limits} table into due dates and warning times, counted by the
 * working calendar from the engine's clock: the due date when the limit runs out, the warning when
 * {@code civicloop.deadline.warn-at-fraction} of it has passed, in the limit's own unit.
 */
@Component
public class Deadlines {

	private final DeadlineProperties properties;

	private final MatterProperties matters;

	private final BusinessCalendar calendar;

	private final Clock clock;

	Deadlines(DeadlineProperties properties, MatterProperties matters, BusinessCalendar calendar, Clock clock) {
		this.properties = properties;
		this.matters = matters;
		this.calendar = calendar;
		this.clock = clock;
	}

	/** When the warning fires and when the limit runs out, for a limit starting now. */
	public Schedule schedule(TimeLimit limit) {
		return schedule(limit, clock.instant());
	}

	/** When the warning fires and when the limit runs out, for a limit starting at {@code start}. */
	public Schedule schedule(TimeLimit limit, Instant start) {
		return new Schedule(calendar.after(start, limit, properties.warnAtFraction()), calendar.due(start, limit));
	}

	/** When a sign-for or handling limit due at {@code due} is supervised: the grace in working days after it. */
	public Instant supervisedAt(Instant due) {
		return calendar.due(due, new TimeLimit(properties.supervisionGraceWorkingDays(), LimitUnit.WORKING_DAYS));
	}

	/**
	 * Reads one limit of the {@code time-limits} decision result the process holds: {@code <stage>Limit} and
	 * {@code <stage>Unit}. A table deployed before limits had units gave {@code signForHours} and
	 * {@code handleDays}: those count in natural hours and days, as they did.
	 */
	static TimeLimit limit(DelegateExecution execution, String stage) {
		@SuppressWarnings("unchecked")
		var limits = (Map<String, Object>) execution.getVariable(TIME_LIMITS);
		if (limits == null) {
			throw new IllegalStateException("this matter holds no time limits");
		}
		Object amount = limits.get(Limits.amount(stage));
		Object unit = limits.get(Limits.unit(stage));
		if (amount == null && unit == null) {
			boolean signFor = stage.equals(Limits.SIGN_FOR);
			amount = limits.get(signFor ? "signForHours" : "handleDays");
			unit = (signFor ? LimitUnit.NATURAL_HOURS : LimitUnit.NATURAL_DAYS).name();
		}
		TimeLimit limit = TimeLimit.of(amount, unit);
		if (limit == null) {
			throw new IllegalStateException("time-limits gave no positive " + Limits.amount(stage) + " with a known "
					+ Limits.unit(stage) + " for this matter, but " + amount + " " + unit);
		}
		return limit;
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
