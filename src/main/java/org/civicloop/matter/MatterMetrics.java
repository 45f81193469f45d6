package org.civicloop.matter;

import io.micrometer.core.instrument.MeterRegistry;
import org.civicloop.matter.events.MatterEvent;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Intake as operators watch it: {@code civicloop.matters.registered}, per channel, counted when a registration
 * commits (a rate of it is the intake rate of this node; a sum over the nodes, the county's).
 */
@Component
class MatterMetrics {

	private final MeterRegistry registry;

	MatterMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@TransactionalEventListener
	void registered(MatterEvent.Registered registered) {
		registry.counter("civicloop.matters.registered", "channel", registered.channel()).increment();
	}

}
