package org.civicloop.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;

import org.civicloop.assessment.ReportIssued;
import org.civicloop.organization.People;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the members of a report's audience that it is there: an inbox entry and the outside channels, once
 * per report and recipient, in the transaction that stored the report. The message carries the title and where
 * to read it, no figures and no matter's details.
 */
@Component
class ReportNotices {

	private final Notifications notifications;

	private final People people;

	private final Channels channels;

	private final Clock clock;

	ReportNotices(Notifications notifications, People people, Channels channels, Clock clock) {
		this.notifications = notifications;
		this.people = people;
		this.channels = channels;
		this.clock = clock;
	}

	@EventListener
	void on(ReportIssued report) {
		var recipients = new LinkedHashSet<String>();
		report.audience().forEach(group -> recipients.addAll(people.members(group)));
		String kind = report.kind().equals("daily") ? "daily-report" : "weekly-note";
		String body = report.title() + "已生成，请登录后查看：" + report.path() + "（表格下载：" + report.path() + "/csv）。";
		for (String recipient : recipients) {
			notifications.add(new Notifications.Notice("report:" + report.id() + ":" + recipient, recipient, null, null, kind, "assessment", null,
					"【考核】" + report.title(), body), channels.of(recipient), clock.instant(), Instant.now());
		}
	}

}
