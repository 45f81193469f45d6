package org.civicloop.matter;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.MatterHandling.Vars.*;

/** 重办: the citizen was unsatisfied, so the matter goes back to handling; counts the rounds. */
@Component("startReworkDelegate")
class StartReworkDelegate implements JavaDelegate {

	private final Timeline timeline;

	StartReworkDelegate(Timeline timeline) {
		this.timeline = timeline;
	}

	@Override
	public void execute(DelegateExecution execution) {
		int round = ((Number) execution.getVariable(REWORK_COUNT)).intValue() + 1;
		execution.setVariable(REWORK_COUNT, round);
		String note = "第" + round + "次重办：群众不满意" + suffix(execution.getVariable(VISIT_NOTE));
		MatterHistory.append(execution, note);
		timeline.record(MatterHistory.matterId(execution), new Timeline.Entry(Timeline.Kind.REWORK,
				ClockUtil.now().toInstant(), "rework", (String) execution.getVariable(LEAD_DEPARTMENT), null, note));
	}

	private static String suffix(Object visitNote) {
		return visitNote == null || visitNote.toString().isBlank() ? "" : "（" + visitNote + "）";
	}

}
