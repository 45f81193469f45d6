package org.civicloop.routing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.events.MatterEvents;
import org.civicloop.organization.Directory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * 派单: turns the {@code route-matter} decision into one lead department and the co-handling ones.
 *
 * <p>The table is meant to give exactly one lead for every category, unit level and zone. When it gives
 * none or several, or names a group the directory lacks, this fails and the engine raises an incident
 * in Cockpit rather than guessing: a matter sent to the wrong department is worse than one held back.
 */
@Component("applyRoutingDelegate")
class ApplyRoutingDelegate implements JavaDelegate {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Directory directory;

	ApplyRoutingDelegate(ApplicationEventPublisher events, Clock clock, Directory directory) {
		this.events = events;
		this.clock = clock;
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
		events.publishEvent(new MatterEvent.Routed(MatterEvents.ref(execution), clock.instant(), routing.lead(), routing.co()));
	}

}
