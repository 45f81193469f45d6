package org.civicloop.notification;

import org.civicloop.assessment.ReportIssued;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the members of a report's audience that it is there: an inbox entry and the outside channels, once
 * per report and recipient, in the transaction that stored the report. The message carries the title and where
 * to read it, no figures and no matter's details.
 */
@Component
class ReportNotices {

	private final GroupNotices notices;

	ReportNotices(GroupNotices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(ReportIssued report) {
		String kind = report.kind().equals("daily") ? "daily-report" : "weekly-note";
		String body = report.title() + "已生成，请登录后查看：" + report.path() + "（表格下载：" + report.path() + "/csv）。";
		notices.tell(report.audience(), "report:" + report.id(), kind, "assessment", "【考核】" + report.title(), body);
	}

}
