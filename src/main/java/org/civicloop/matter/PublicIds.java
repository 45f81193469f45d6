package org.civicloop.matter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At start, gives the matters recorded before public ids existed one each (a no-op once all have one). */
@Component
@Order(5)
class PublicIds implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PublicIds.class);

	private final Matters matters;

	PublicIds(Matters matters) {
		this.matters = matters;
	}

	@Override
	public void run(ApplicationArguments args) {
		int filled = matters.fillPublicIds();
		if (filled > 0) {
			log.info("Gave {} earlier matters their public ids", filled);
		}
	}

}
