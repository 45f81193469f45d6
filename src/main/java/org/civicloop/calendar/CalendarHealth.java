package org.civicloop.calendar;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Up while the calendar counts; its details (shown to operators and administrators) name this year or the
 * next when their holidays are not loaded, so that someone loads them before limits run into them.
 */
@Component("calendar")
class CalendarHealth implements HealthIndicator {

	private final BusinessCalendar calendar;

	CalendarHealth(BusinessCalendar calendar) {
		this.calendar = calendar;
	}

	@Override
	public Health health() {
		var missing = calendar.withoutData();
		var health = Health.up().withDetail("years", calendar.years()).withDetail("withoutData", missing);
		if (!missing.isEmpty()) {
			health.withDetail("warning", "no holidays loaded for " + missing
					+ ": counted with weekends only until an administrator loads them (PUT /api/calendar/years/{year})");
		}
		return health.build();
	}

}
