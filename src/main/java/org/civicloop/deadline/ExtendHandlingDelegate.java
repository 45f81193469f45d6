package org.civicloop.deadline;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * An approved extension (延期): the handling limit moves by the working days the dispatch centre granted,
 * counted from the old due date by the calendar, the warning to {@code warn-at-fraction} of the granted days
 * past it ({@link StageLimit}). An approval that comes after handling finished moves nothing.
 */
@Component("extendHandlingDelegate")
class ExtendHandlingDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(ExtendHandlingDelegate.class);

	private final StageLimit limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ExtendHandlingDelegate(StageLimit limits, ApplicationEventPublisher events, Clock clock) {
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (!(execution.getVariable(EXTENSION_DAYS) instanceof Number granted) || granted.intValue() < 1) {
			throw new IllegalStateException("an approved extension needs extensionDays of at least 1");
		}
		if (!limits.open(execution, StageLimit.Stage.HANDLE)) {
			log.info("Matter {}: extension approved after handling finished; no limit to move", execution.getVariable(TRACKING_NO));
			return;
		}
		var limit = new TimeLimit(granted.intValue(), LimitUnit.WORKING_DAYS);
		var due = limits.move(execution, StageLimit.Stage.HANDLE, limit, limits.due(execution, StageLimit.Stage.HANDLE));
		events.publishEvent(new MatterEvent.Extended(MatterEvents.ref(execution), clock.instant(), MatterHandling.Stages.HANDLE,
				(String) execution.getVariable(LEAD_DEPARTMENT), limit.amount(), due));
	}

}
