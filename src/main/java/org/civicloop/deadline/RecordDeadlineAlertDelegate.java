package org.civicloop.deadline;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicloop.matter.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.MatterHandling.Vars.*;

/**
 * A warning (黄灯, {@code alertKind=warning}) or an urge (催办/红灯, {@code alertKind=urge}) on the sign-for
 * or handling stage ({@code alertStage}): written on the matter's timeline and logged with the tracking
 * number and department only — never the reporter.
 */
@Component("recordDeadlineAlertDelegate")
class RecordDeadlineAlertDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RecordDeadlineAlertDelegate.class);

	private final Timeline timeline;

	private final Deadlines deadlines;

	RecordDeadlineAlertDelegate(Timeline timeline, Deadlines deadlines) {
		this.timeline = timeline;
		this.deadlines = deadlines;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String kind = (String) execution.getVariable("alertKind");
		String stage = (String) execution.getVariable("alertStage");
		boolean urge = "urge".equals(kind);
		if (!urge && !"warning".equals(kind)) {
			throw new IllegalStateException("alertKind must be warning or urge, not " + kind);
		}
		Date due = (Date) execution.getVariable("sign-for".equals(stage) ? SIGN_FOR_DUE : HANDLE_DUE);
		String department = (String) execution.getVariable(LEAD_DEPARTMENT);
		String note = (urge ? "已到期催办（红灯）" : "临近时限预警（黄灯）") + "，时限 " + deadlines.shown(due.toInstant());
		long matterId = ((Number) execution.getVariable(MATTER_ID)).longValue();
		timeline.record(matterId, new Timeline.Entry(urge ? Timeline.Kind.URGE : Timeline.Kind.WARNING,
				ClockUtil.now().toInstant(), stage, department, null, note));
		log.info("Matter {} {} {}: due {}, department {}", execution.getVariable(TRACKING_NO), stage, kind,
				due.toInstant(), department);
	}

}
