package org.civicloop.matter.engine;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/** 办结归档: closes the record with the citizen's final rating. */
@Component("closeMatterDelegate")
class CloseMatterDelegate implements JavaDelegate {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CloseMatterDelegate(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		events.publishEvent(new MatterEvent.Closed(MatterEvents.ref(execution), clock.instant(),
				(String) execution.getVariable(LEAD_DEPARTMENT), (String) execution.getVariable(SATISFACTION)));
	}

}
