package org.civicloop.deadline;

import java.time.Clock;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.matter.model.MatterHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * A warning (黄灯, {@code alertKind=warning}) or an urge (催办/红灯, {@code alertKind=urge}) on the sign-for
 * or handling stage ({@code alertStage}): published as a {@link MatterEvent} and logged with the tracking
 * number and department only — never the reporter.
 */
@Component("recordDeadlineAlertDelegate")
class RecordDeadlineAlertDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RecordDeadlineAlertDelegate.class);

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RecordDeadlineAlertDelegate(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String kind = (String) execution.getVariable("alertKind");
		String stage = (String) execution.getVariable("alertStage");
		boolean urge = "urge".equals(kind);
		if (!urge && !"warning".equals(kind)) {
			throw new IllegalStateException("alertKind must be warning or urge, not " + kind);
		}
		Date due = (Date) execution.getVariable(MatterHandling.Stages.SIGN_FOR.equals(stage) ? SIGN_FOR_DUE : HANDLE_DUE);
		String department = (String) execution.getVariable(LEAD_DEPARTMENT);
		var matter = MatterEvents.ref(execution);
		events.publishEvent(urge ? new MatterEvent.Urged(matter, clock.instant(), stage, department, due.toInstant())
				: new MatterEvent.Warned(matter, clock.instant(), stage, department, due.toInstant()));
		log.info("Matter {} {} {}: due {}, department {}", execution.getVariable(TRACKING_NO), stage, kind,
				due.toInstant(), department);
	}

}
