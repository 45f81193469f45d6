package org.civicloop.matter;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How matters are handled.
 *
 * @param maxRework how many times an unsatisfied citizen can send a matter back to handling (重办) before
 *     it is closed as it stands
 * @param zone the local time zone: tracking numbers carry the local date, forms show local times
 * @param demoMatters how many demo matters to start when there are none yet (0 for none)
 * @param duplicateDistanceMeters a new matter this close to an open one of the same reporter phone and
 *     category (or in the same grid cell) is a repeat of it
 * @param duplicateReopenDays a matter closed within these days still takes repeats
 * @param evaluationSecret key of the evaluation tokens handed to citizens at intake; set it in production,
 *     the same on every node
 */
@ConfigurationProperties("civicloop.matter")
public record MatterProperties(@DefaultValue("2") int maxRework, @DefaultValue("Asia/Shanghai") ZoneId zone,
		@DefaultValue("0") int demoMatters, @DefaultValue("200") double duplicateDistanceMeters,
		@DefaultValue("7") int duplicateReopenDays, @DefaultValue("civicloop-demo-evaluation-secret") String evaluationSecret) {

	public MatterProperties {
		if (maxRework < 0) {
			throw new IllegalArgumentException("civicloop.matter.max-rework must not be negative");
		}
	}

}
