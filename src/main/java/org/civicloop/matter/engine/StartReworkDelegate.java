package org.civicloop.matter.engine;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/** 重办: the citizen was unsatisfied, so the matter goes back to handling; counts the rounds. */
@Component("startReworkDelegate")
class StartReworkDelegate implements JavaDelegate {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	StartReworkDelegate(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		int round = ((Number) execution.getVariable(REWORK_COUNT)).intValue() + 1;
		execution.setVariable(REWORK_COUNT, round);
		String note = "第" + round + "次重办：群众不满意" + suffix(execution.getVariable(VISIT_NOTE));
		MatterHistory.append(execution, note);
		events.publishEvent(new MatterEvent.ReworkStarted(MatterEvents.ref(execution), clock.instant(), round,
				(String) execution.getVariable(LEAD_DEPARTMENT), note));
	}

	private static String suffix(Object visitNote) {
		return visitNote == null || visitNote.toString().isBlank() ? "" : "（" + visitNote + "）";
	}

}
