package org.civicloop.assessment;

import java.time.LocalDate;
import java.util.List;

/**
 * A daily report (日报) or a department's weekly note was made; published in the transaction that stored it,
 * for the notification channels.
 *
 * @param kind {@code daily} or {@code weekly}
 * @param audience the groups whose members are told: the county's leaders, a town's office, a department
 * @param path where the report is read: {@code /api/kpi/reports/{id}} (HTML; {@code /csv} for the table)
 */
public record ReportIssued(long id, String kind, LocalDate from, LocalDate to, String scope, String title, List<String> audience,
		String path) {
}
