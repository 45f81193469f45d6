package org.civicloop.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The working calendar.
 *
 * @param zone where the office hours and days are counted
 * @param officeHours the opening periods of a working day, in order, e.g. {@code 09:00-12:00} and {@code 13:30-17:30}
 * @param file holidays and make-up working days of more years, in the format of the shipped
 *     {@code calendar/cn-holidays.json}: years the database does not hold yet are loaded from it on start
 * @param refresh how often a node reloads the calendar, so that a change made on another node reaches it
 */
@ConfigurationProperties("civicloop.calendar")
public record CalendarProperties(@DefaultValue("Asia/Shanghai") ZoneId zone,
		@DefaultValue({ "09:00-12:00", "13:30-17:30" }) List<String> officeHours, Resource file,
		@DefaultValue("1m") Duration refresh) {

	public CalendarProperties {
		periods(officeHours);
	}

	/** The office hours as periods, checked: each opens before it closes, and after the previous one closed. */
	List<Period> periods() {
		return periods(officeHours);
	}

	private static List<Period> periods(List<String> officeHours) {
		if (officeHours == null || officeHours.isEmpty()) {
			throw new IllegalArgumentException("civicloop.calendar.office-hours needs at least one period such as 09:00-12:00");
		}
		var periods = new ArrayList<Period>();
		for (String text : officeHours) {
			String[] ends = text.strip().split("-");
			Period period;
			try {
				period = new Period(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip()));
			}
			catch (RuntimeException notAPeriod) {
				throw new IllegalArgumentException("civicloop.calendar.office-hours: " + text + " is not a period such as 09:00-12:00");
			}
			if (!period.opens().isBefore(period.closes())
					|| (!periods.isEmpty() && period.opens().isBefore(periods.get(periods.size() - 1).closes()))) {
				throw new IllegalArgumentException("civicloop.calendar.office-hours: " + text
						+ " must open before it closes and after the period before it closed");
			}
			periods.add(period);
		}
		return List.copyOf(periods);
	}

	/** One opening period of a working day. */
	record Period(LocalTime opens, LocalTime closes) {

		long seconds() {
			return Duration.between(opens, closes).toSeconds();
		}

	}

}
