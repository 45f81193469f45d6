package org.civicloop.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicloop.matter.Matters;
import org.civicloop.matter.Timeline;
import org.civicloop.organization.Directory;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.MatterHandling.Vars.*;

/**
 * 派单: turns the {@code route-matter} decision into one lead department and the co-handling ones.
 *
 * <p>The table is meant to give exactly one lead for every category, unit level and zone. When it gives
 * none or several, or names a group the directory lacks, this fails and the engine raises an incident
 * in Cockpit rather than guessing: a matter sent to the wrong department is worse than one held back.
 */
@Component("applyRoutingDelegate")
class ApplyRoutingDelegate implements JavaDelegate {

	private final Matters matters;

	private final Timeline timeline;

	private final Directory directory;

	ApplyRoutingDelegate(Matters matters, Timeline timeline, Directory directory) {
		this.matters = matters;
		this.timeline = timeline;
		this.directory = directory;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void execute(DelegateExecution execution) {
		var decision = (List<Map<String, Object>>) execution.getVariable(ROUTING_DECISION);
		Routing routing = Routing.of(decision);
		for (String department : routing.all()) {
			if (!directory.isHandlingGroup(department)) {
				throw new IllegalStateException("route-matter names " + department
						+ ", which is not a department, town office or village committee of the organisation directory");
			}
		}
		execution.setVariable(LEAD_DEPARTMENT, routing.lead());
		execution.setVariable(LEAD_DEPARTMENT_NAME, directory.officeName(routing.lead()));
		execution.setVariable(CO_DEPARTMENTS, new ArrayList<>(routing.co()));
		execution.removeVariable(ROUTING_DECISION);
		long matterId = ((Number) execution.getVariable(MATTER_ID)).longValue();
		matters.handledBy(matterId, routing.lead(), routing.co());
		String co = routing.co().isEmpty() ? "" : "；协办 " + String.join("、", routing.co().stream().map(directory::officeName).toList());
		timeline.record(matterId, new Timeline.Entry(Timeline.Kind.ROUTED, ClockUtil.now().toInstant(), "routed",
				routing.lead(), null, "牵头 " + directory.officeName(routing.lead()) + co));
	}

}
