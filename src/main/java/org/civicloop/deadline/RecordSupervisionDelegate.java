package org.civicloop.deadline;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * What a supervision (督办) decided, where it moves the matter: a new limit ({@code new-limit}) of the given
 * working days from now moves the supervised stage's limit — sign-for for a matter nobody signed for, handling
 * otherwise — with its tasks and timers ({@link StageLimit}). An urge or an escalation moves nothing: the
 * timeline and the notifications have them from the decision.
 */
@Component("recordSupervisionDelegate")
class RecordSupervisionDelegate implements JavaDelegate {

	private final StageLimit limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RecordSupervisionDelegate(StageLimit limits, ApplicationEventPublisher events, Clock clock) {
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var stage = "task_recordSignForSupervision".equals(execution.getCurrentActivityId()) ? StageLimit.Stage.SIGN_FOR : StageLimit.Stage.HANDLE;
		if (!"new-limit".equals(execution.getVariable(SUPERVISION_DECISION)) || !limits.open(execution, stage)) {
			return;
		}
		if (!(execution.getVariable(SUPERVISION_DAYS) instanceof Number days) || days.intValue() < 1) {
			throw new IllegalStateException("a new limit needs supervisionDays of at least 1");
		}
		var limit = new TimeLimit(days.intValue(), LimitUnit.WORKING_DAYS);
		var due = limits.move(execution, stage, limit, clock.instant());
		events.publishEvent(new MatterEvent.Relimited(MatterEvents.ref(execution), clock.instant(), stage.name,
				(String) execution.getVariable(LEAD_DEPARTMENT), limit.amount(), due));
	}

}
