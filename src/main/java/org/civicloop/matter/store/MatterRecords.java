package org.civicloop.matter.store;

import org.civicloop.matter.Matters;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.model.MatterHandling;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each matter's record where the process is: its stage and the due date of the step it waits in,
 * the departments that handle it, the citizen's rating, when it closed. A listener of the
 * {@link MatterEvent}s, in the transaction of the step that published each.
 */
@Component
class MatterRecords {

	private final Matters matters;

	MatterRecords(Matters matters) {
		this.matters = matters;
	}

	@EventListener
	void on(MatterEvent.Routed routed) {
		matters.handledBy(routed.matter().id(), routed.leadDepartment(), routed.coDepartments());
	}

	/** A matter moves on with each stage's task; decisions on an extension or a supervision are beside the loop. */
	@EventListener
	void on(MatterEvent.Offered offered) {
		if (!MatterHandling.Stages.BESIDE_THE_LOOP.contains(offered.stage())) {
			matters.movedTo(offered.matter().id(), offered.stage(), offered.due());
		}
	}

	@EventListener
	void on(MatterEvent.Extended extended) {
		matters.extended(extended.matter().id(), extended.due());
	}

	@EventListener
	void on(MatterEvent.Relimited relimited) {
		matters.movedTo(relimited.matter().id(), relimited.stage(), relimited.due());
	}

	@EventListener
	void on(MatterEvent.Redispatched redispatched) {
		matters.ledBy(redispatched.matter().id(), redispatched.leadDepartment());
	}

	@EventListener
	void on(MatterEvent.Visited visited) {
		matters.rated(visited.matter().id(), visited.satisfaction());
	}

	@EventListener
	void on(MatterEvent.Evaluated evaluated) {
		matters.rated(evaluated.matter().id(), evaluated.satisfaction());
	}

	@EventListener
	void on(MatterEvent.Closed closed) {
		matters.closed(closed.matter().id(), closed.at(), closed.satisfaction());
	}

}
