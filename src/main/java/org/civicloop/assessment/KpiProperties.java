package org.civicloop.assessment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the figures are weighed (see the README's definitions).
 *
 * @param basicallySatisfied how much a "basically satisfied" (基本满意) counts in the satisfaction rate, from 0 to 1
 * @param weights the composite score's weight of each rate
 */
@ConfigurationProperties("civicloop.kpi")
public record KpiProperties(@DefaultValue("0.8") double basicallySatisfied, @DefaultValue Weights weights) {

	public KpiProperties {
		if (basicallySatisfied < 0 || basicallySatisfied > 1) {
			throw new IllegalArgumentException("civicloop.kpi.basically-satisfied must lie between 0 and 1, not " + basicallySatisfied);
		}
	}

	/** Weights of the composite score (综合得分); a rate without any matter behind it leaves its weight out. */
	public record Weights(@DefaultValue("0.2") double response, @DefaultValue("0.3") double onTime, @DefaultValue("0.2") double resolution,
			@DefaultValue("0.3") double satisfaction) {

		public Weights {
			if (response < 0 || onTime < 0 || resolution < 0 || satisfaction < 0 || response + onTime + resolution + satisfaction <= 0) {
				throw new IllegalArgumentException("civicloop.kpi.weights: none negative, and not all 0");
			}
		}

	}

}
