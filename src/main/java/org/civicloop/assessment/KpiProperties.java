package org.civicloop.assessment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the figures are weighed (see the README's definitions).
 *
 * @param basicallySatisfied how much a "basically satisfied" (基本满意) counts in the satisfaction rate, from 0 to 1
 * @param weights the composite score's weight of each rate
 * @param reports when the daily reports and weekly notes are made
 */
@ConfigurationProperties("civicloop.kpi")
public record KpiProperties(@DefaultValue("0.8") double basicallySatisfied, @DefaultValue Weights weights, @DefaultValue Reports reports) {

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

	/**
	 * When reports are made, in the county's zone: the daily report (日报) of the day before at {@code dailyAt};
	 * the weekly notes of last week (Monday to Sunday) on {@code weeklyOn} at {@code weeklyAt}. A node that was
	 * down then makes them when it comes back; every node looks each {@code check}, one makes each report.
	 */
	public record Reports(@DefaultValue("true") boolean enabled, @DefaultValue("07:30") java.time.LocalTime dailyAt,
			@DefaultValue("MONDAY") java.time.DayOfWeek weeklyOn, @DefaultValue("08:00") java.time.LocalTime weeklyAt,
			@DefaultValue("1m") java.time.Duration check) {
	}

}
