package org.civicloop.matter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.MatterHandling.Vars.*;

/** 办结归档: closes the record with the citizen's final rating. */
@Component("closeMatterDelegate")
class CloseMatterDelegate implements JavaDelegate {

	private final Matters matters;

	private final Timeline timeline;

	CloseMatterDelegate(Matters matters, Timeline timeline) {
		this.matters = matters;
		this.timeline = timeline;
	}

	@Override
	public void execute(DelegateExecution execution) {
		long matterId = MatterHistory.matterId(execution);
		String satisfaction = (String) execution.getVariable(SATISFACTION);
		var now = ClockUtil.now().toInstant();
		matters.rated(matterId, satisfaction);
		matters.closed(matterId, now);
		String note = "unsatisfied".equals(satisfaction) ? "重办次数已满，按不满意办结" : "群众" + satisfactionName(satisfaction);
		timeline.record(matterId, new Timeline.Entry(Timeline.Kind.CLOSED, now, "closed",
				(String) execution.getVariable(LEAD_DEPARTMENT), null, note));
	}

	static String satisfactionName(String satisfaction) {
		return switch (satisfaction == null ? "" : satisfaction) {
			case "satisfied" -> "满意";
			case "basically-satisfied" -> "基本满意";
			case "unsatisfied" -> "不满意";
			default -> "未评价";
		};
	}

}
