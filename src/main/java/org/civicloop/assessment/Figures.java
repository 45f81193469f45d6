package org.civicloop.assessment;

/**
 * The figures of one department, unit, category or cadre over a period (see the README's definitions). A rate
 * is null where nothing stands behind it (no matter closed, none judged); durations are in hours.
 *
 * @param key the department's group id, the unit's id, the category's code or the cadre's account
 * @param received matters offered to the department for sign-for; for units and categories, matters entering
 *     the loop; for a cadre, sign-fors answered
 * @param overdueNow matters whose sign-for or handling limit has passed and that are still owed, at the moment of asking
 */
record Figures(String key, String name, long received, long signedOnTime, long returned, long redispatched, long closed, long closedOnTime,
		long overdueNow, long warned, long urged, long supervised, long extended, long reworked, Durations signFor, Durations handling,
		Durations loop, Double onTimeRate, Double returnRate, Double reworkRate, Double responseRate, Double resolutionRate,
		Double satisfactionRate, Double score) {

	/** The median and the 90th percentile of a duration, in hours; null without any matter behind them. */
	record Durations(Double p50Hours, Double p90Hours) {

		static final Durations NONE = new Durations(null, null);

	}

}
