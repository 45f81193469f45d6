package org.civicloop.assessment;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.function.Supplier;

import org.civicloop.matter.MatterProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the daily reports and the weekly notes when their time has come and they are not there yet. Every node
 * looks; the first to store a report wins and the others' attempts fail on its unique key and make nothing.
 */
@Component
class ReportSchedule {

	private static final Logger log = LoggerFactory.getLogger(ReportSchedule.class);

	private final Reports reports;

	private final KpiProperties.Reports when;

	private final ZoneId zone;

	private final Clock clock;

	ReportSchedule(Reports reports, KpiProperties properties, MatterProperties matters, Clock clock) {
		this.reports = reports;
		this.when = properties.reports();
		this.zone = matters.zone();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${civicloop.kpi.reports.check:1m}", initialDelayString = "${civicloop.kpi.reports.check:1m}")
	void check() {
		if (when.enabled()) {
			makeDue(clock.instant().atZone(zone));
		}
	}

	/** Makes what is due at {@code now} and missing; answers what it made. */
	List<Reports.Report> makeDue(ZonedDateTime now) {
		var made = new java.util.ArrayList<Reports.Report>();
		LocalDate yesterday = now.toLocalDate().minusDays(1);
		if (!now.toLocalTime().isBefore(when.dailyAt()) && !reports.exists("daily", yesterday)) {
			made.addAll(make("daily reports of " + yesterday, () -> reports.daily(yesterday)));
		}
		LocalDate thisMonday = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		ZonedDateTime weeklyMoment = thisMonday.with(TemporalAdjusters.nextOrSame(when.weeklyOn())).atTime(when.weeklyAt()).atZone(zone);
		LocalDate lastMonday = thisMonday.minusWeeks(1);
		if (!now.isBefore(weeklyMoment) && !reports.exists("weekly", lastMonday)) {
			made.addAll(make("weekly notes of the week from " + lastMonday, () -> reports.weekly(lastMonday)));
		}
		return made;
	}

	private static List<Reports.Report> make(String what, Supplier<List<Reports.Report>> making) {
		try {
			List<Reports.Report> made = making.get();
			if (!made.isEmpty()) {
				log.info("Made the {}: {} reports", what, made.size());
			}
			return made;
		}
		catch (DataIntegrityViolationException anotherNodeWasFirst) {
			log.info("The {} were made by another node", what);
			return List.of();
		}
	}

}
