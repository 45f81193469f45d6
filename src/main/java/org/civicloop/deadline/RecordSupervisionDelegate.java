package org.civicloop.deadline;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterHandling;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * What a supervision (督办) decided, where it moves the matter: a new limit ({@code new-limit}) of the given
 * working days from now moves the handling limit with its tasks and waiting timers ({@link HandlingLimit}).
 * An urge or an escalation moves nothing: the timeline and the notifications have them from the decision.
 */
@Component("recordSupervisionDelegate")
class RecordSupervisionDelegate implements JavaDelegate {

	private final HandlingLimit handling;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RecordSupervisionDelegate(HandlingLimit handling, ApplicationEventPublisher events, Clock clock) {
		this.handling = handling;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (!"new-limit".equals(execution.getVariable(SUPERVISION_DECISION)) || !handling.open(execution)) {
			return;
		}
		if (!(execution.getVariable(SUPERVISION_DAYS) instanceof Number days) || days.intValue() < 1) {
			throw new IllegalStateException("a new limit needs supervisionDays of at least 1");
		}
		var limit = new TimeLimit(days.intValue(), LimitUnit.WORKING_DAYS);
		var due = handling.move(execution, limit, clock.instant());
		events.publishEvent(new MatterEvent.Relimited(MatterEvents.ref(execution), clock.instant(), MatterHandling.Stages.HANDLE,
				(String) execution.getVariable(LEAD_DEPARTMENT), limit.amount(), due));
	}

}
