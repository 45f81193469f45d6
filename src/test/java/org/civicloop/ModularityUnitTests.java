package org.civicloop;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module; none reaches into another's internals, and there are no cycles. */
class ModularityUnitTests {

	@Test
	void modulesKeepTheirBoundaries() {
		ApplicationModules.of(CivicLoopApplication.class).verify();
	}

}
