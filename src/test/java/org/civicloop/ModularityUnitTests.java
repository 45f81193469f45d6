package org.civicloop;

import org.civicloop.matter.Intake;
import org.civicloop.matter.Matter;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.matter.store.Timeline;
import org.civicloop.matter.model.MatterHandling;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each top-level package is a module; none reaches into another's insides or depends on a module (or a named
 * interface of one) its {@code package-info} does not allow, and there are no cycles.
 */
class ModularityUnitTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(CivicLoopApplication.class);

	@Test
	void modulesKeepTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void theMatterModuleOffersItsRecordsItsEventsItsTimelineAndItsProcessNamesAndKeepsItsWebStoreAndEngineParts() throws Exception {
		var matter = MODULES.getModuleByName("matter").orElseThrow();

		assertThat(matter.getNamedInterfaces().stream().filter(named -> !named.isUnnamed()).map(NamedInterface::getName))
			.containsExactlyInAnyOrder("events", "model", "timeline");
		assertThat(matter.isExposed(Matter.class)).isTrue();
		assertThat(matter.isExposed(Intake.class)).isTrue();
		assertThat(matter.isExposed(MatterEvent.class)).isTrue();
		assertThat(matter.isExposed(MatterHandling.class)).isTrue();
		assertThat(matter.isExposed(Timeline.class)).as("read by assessment").isTrue();
		for (String inside : new String[] { "org.civicloop.matter.store.MatterRecords", "org.civicloop.matter.store.MatterQueries",
				"org.civicloop.matter.engine.MatterProcess", "org.civicloop.matter.web.MatterController" }) {
			assertThat(matter.isExposed(Class.forName(inside))).as(inside).isFalse();
		}
	}

}
