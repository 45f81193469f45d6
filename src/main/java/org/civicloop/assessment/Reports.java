package org.civicloop.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.civicloop.matter.MatterProperties;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.organization.Unit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * The daily report (日报) of a day for the county and for each town, and each department's weekly note of praise
 * and shortfalls: made from the read model, in Chinese, naming matters by tracking number only; kept as HTML and
 * CSV, once per kind, period and scope; each announced with {@link ReportIssued}.
 */
@Service
class Reports {

	private final Assessment assessment;

	private final Directory directory;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ZoneId zone;

	private final Clock clock;

	Reports(Assessment assessment, Directory directory, JdbcClient jdbc, ApplicationEventPublisher events, MatterProperties matters,
			Clock clock) {
		this.assessment = assessment;
		this.directory = directory;
		this.jdbc = jdbc;
		this.events = events;
		this.zone = matters.zone();
		this.clock = clock;
	}

	/** A stored report. */
	record Report(long id, String kind, LocalDate from, LocalDate to, String scope, String title, java.time.Instant createdAt) {
	}

	List<Report> list(String kind, LocalDate from, LocalDate to) {
		return jdbc.sql("select id, kind, period_start, period_end, scope, title, created_at from kpi_report where kind = :kind"
				+ " and period_start between :from and :to order by period_start desc, id")
			.param("kind", kind).param("from", java.sql.Date.valueOf(from)).param("to", java.sql.Date.valueOf(to))
			.query((rs, row) -> report(rs))
			.list();
	}

	/** A report with its HTML and CSV. */
	Optional<Map.Entry<Report, String[]>> read(long id) {
		return jdbc.sql("select id, kind, period_start, period_end, scope, title, created_at, html, csv from kpi_report where id = :id").param("id", id)
			.query((rs, row) -> Map.entry(report(rs), new String[] { rs.getString(8), rs.getString(9) }))
			.optional();
	}

	private static Report report(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Report(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(), rs.getString(5),
				rs.getString(6), rs.getTimestamp(7).toInstant());
	}

	boolean exists(String kind, LocalDate from) {
		return jdbc.sql("select count(*) from kpi_report where kind = :kind and period_start = :from").param("kind", kind)
			.param("from", java.sql.Date.valueOf(from)).query(Long.class).single() > 0;
	}

	/**
	 * Makes the daily reports of {@code day}: the county's, for its leaders, and each town's, for its office. In one
	 * transaction: a second node making the same reports at the same moment fails on the unique key and makes none.
	 */
	@Transactional
	public List<Report> daily(LocalDate day) {
		var made = new ArrayList<Report>();
		made.add(daily(day, directory.county().id(), directory.county().name(), Scope.EVERYTHING, List.of(Roles.LEADERS)));
		for (Directory.Town town : directory.county().towns()) {
			Scope scope = townScope(town);
			made.add(daily(day, town.id(), town.name(), scope, List.of(town.office().id())));
		}
		return made;
	}

	/** The weekly notes of the week from {@code monday}: one per department with anything in that week or overdue now. */
	@Transactional
	public List<Report> weekly(LocalDate monday) {
		LocalDate sunday = monday.plusDays(6);
		List<Figures> departments = assessment.figures(Dimension.DEPARTMENTS, monday, sunday, Scope.EVERYTHING);
		List<Figures> ranked = ranked(departments);
		var made = new ArrayList<Report>();
		for (Figures figures : departments) {
			made.add(weekly(monday, sunday, figures, ranked));
		}
		return made;
	}

	private Report daily(LocalDate day, String scopeId, String scopeName, Scope scope, List<String> audience) {
		String when = day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
		String title = scopeName + "诉求办理日报（" + day + "）";
		Optional<Figures> whole = assessment.figures(Dimension.UNITS, day, day, scope).stream().filter(f -> f.key().equals(scopeId)).findFirst();
		List<Figures> departments = ranked(assessment.figures(Dimension.DEPARTMENTS, day, day, scope));
		List<Matter> overdue = overdue(scope, null);
		List<Matter> returned = jdbc.sql("select m.tracking_no, k.lead_department, k.open_stage, k.return_count from kpi_matter k join matter m on m.id = k.matter_id"
				+ " where k.return_count >= 2 and (k.closed_at is null or k.closed_at >= :start) and " + scope.condition("k.lead_department", "k.unit_id") + " order by k.return_count desc, m.tracking_no limit 50")
			.param("start", Timestamp.from(day.atStartOfDay(zone).toInstant()))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query((rs, row) -> new Matter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) + " 次退单")).list();
		List<String[]> moved = moved(day, scope);

		var html = new StringBuilder(head(title));
		html.append("<h2>一、").append(when).append("概况</h2>");
		Figures f = whole.orElse(null);
		html.append("<p>").append(f == null ? "当日无受理和办结。" : "受理 " + f.received() + " 件，办结 " + f.closed() + " 件（按时 " + f.closedOnTime()
				+ " 件），退单 " + f.returned() + " 件，预警 " + f.warned() + " 次，催办 " + f.urged() + " 次；当前超期未办 " + overdue.size() + " 件。"
				+ "按时办结率 " + percent(f.onTimeRate()) + "，响应率 " + percent(f.responseRate()) + "，解决率 " + percent(f.resolutionRate()) + "，满意率 "
				+ percent(f.satisfactionRate()) + "，综合得分 " + score(f.score()) + "。").append("</p>");
		html.append("<h2>二、部门排名</h2>").append(table(departments));
		if (!departments.isEmpty()) {
			html.append("<p>红榜：").append(esc(names(departments.stream().filter(d -> d.score() != null).limit(3).toList()))).append("</p>");
			List<Figures> scored = departments.stream().filter(d -> d.score() != null).toList();
			html.append("<p>黑榜：").append(esc(names(scored.subList(Math.max(scored.size() - 3, Math.min(3, scored.size())), scored.size()))))
				.append("</p>");
		}
		html.append("<h2>三、超期未办事项</h2>").append(matters(overdue));
		html.append("<h2>四、多次退单事项</h2>").append(matters(returned));
		html.append("<h2>五、综合得分变化最大的部门（近 7 天对比前 7 天）</h2>");
		html.append(moved.isEmpty() ? "<p>无可比较的部门。</p>" : "<ul>" + moved.stream().map(m -> "<li>" + esc(m[0]) + "：" + m[1] + "</li>")
			.collect(Collectors.joining()) + "</ul>");
		html.append("</body></html>");
		return store("daily", day, day, scopeId, title, html.toString(), csv(departments), audience);
	}

	private Report weekly(LocalDate monday, LocalDate sunday, Figures figures, List<Figures> ranked) {
		String department = figures.key();
		String title = figures.name() + "周考核反馈（" + monday + " 至 " + sunday + "）";
		var start = Timestamp.from(monday.atStartOfDay(zone).toInstant());
		var end = Timestamp.from(sunday.plusDays(1).atStartOfDay(zone).toInstant());
		List<Matter> praised = jdbc.sql("select m.tracking_no, k.lead_department, 'closed', '群众满意' from kpi_matter k join matter m on m.id = k.matter_id"
				+ " where k.lead_department = :department and k.closed_at >= :start and k.closed_at < :end and k.satisfaction = 'satisfied'"
				+ " order by m.tracking_no limit 50")
			.param("department", department).param("start", start).param("end", end)
			.query((rs, row) -> new Matter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
		var shortfalls = new ArrayList<Matter>(overdue(new Scope(false, Set.of(department), Set.of()), "超期未办"));
		shortfalls.addAll(jdbc.sql("""
				select m.tracking_no, e.department, e.stage, case e.kind when 'RETURNED' then '退单' else '重办' end
				from matter_event e join matter m on m.id = e.matter_id
				where e.kind in ('RETURNED', 'REWORK') and e.department = :department and e.occurred_at >= :start and e.occurred_at < :end
				order by e.occurred_at limit 100""")
			.param("department", department).param("start", start).param("end", end)
			.query((rs, row) -> new Matter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list());
		shortfalls.addAll(jdbc.sql("select m.tracking_no, k.lead_department, 'closed', '群众不满意' from kpi_matter k join matter m on m.id = k.matter_id"
				+ " where k.lead_department = :department and k.closed_at >= :start and k.closed_at < :end and k.satisfaction = 'unsatisfied'"
				+ " order by m.tracking_no limit 50")
			.param("department", department).param("start", start).param("end", end)
			.query((rs, row) -> new Matter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list());
		int rank = ranked.indexOf(figures) + 1;
		long scoredCount = ranked.stream().filter(d -> d.score() != null).count();

		var html = new StringBuilder(head(title));
		html.append("<p>本周受理 ").append(figures.received()).append(" 件，办结 ").append(figures.closed()).append(" 件（按时 ")
			.append(figures.closedOnTime()).append(" 件），退单 ").append(figures.returned()).append(" 件，重办 ").append(figures.reworked())
			.append(" 次。按时办结率 ").append(percent(figures.onTimeRate())).append("，响应率 ").append(percent(figures.responseRate()))
			.append("，解决率 ").append(percent(figures.resolutionRate())).append("，满意率 ").append(percent(figures.satisfactionRate()))
			.append("，综合得分 ").append(score(figures.score()))
			.append(figures.score() == null ? "，本周无可排名的得分。" : "，在 " + scoredCount + " 个有得分的部门中排名第 " + rank + "。").append("</p>");
		html.append("<h2>值得肯定</h2>").append(praised.isEmpty() ? "<p>本周没有群众满意的办结事项。</p>"
				: "<p>以下 " + praised.size() + " 件事项办结后群众满意，望保持：</p>" + matters(praised));
		html.append("<h2>需要改进</h2>").append(shortfalls.isEmpty() ? "<p>本周无超期、退单、重办和不满意事项。</p>" : matters(shortfalls));
		html.append("</body></html>");
		var csv = new StringBuilder("类别,工单号,环节\n");
		praised.forEach(m -> csv.append("值得肯定（").append(m.reason()).append("）,").append(m.trackingNo()).append(',').append(m.stage()).append('\n'));
		shortfalls.forEach(m -> csv.append("需要改进（").append(m.reason()).append("）,").append(m.trackingNo()).append(',').append(m.stage()).append('\n'));
		return store("weekly", monday, sunday, department, title, html.toString(), csv.toString(), List.of(department));
	}

	/** A matter a report names: tracking number, lead department, stage and why it is named. */
	private record Matter(String trackingNo, String department, String stage, String reason) {
	}

	private List<Matter> overdue(Scope scope, String reason) {
		return jdbc.sql("select m.tracking_no, k.lead_department, k.open_stage, k.open_due from kpi_matter k join matter m on m.id = k.matter_id"
				+ " where k.closed_at is null and k.open_due < :now and " + scope.condition("k.lead_department", "k.unit_id")
				+ " order by k.open_due, m.tracking_no limit 100")
			.param("now", Timestamp.from(clock.instant()))
			.param("scopeDepartments", scope.departmentsParameter()).param("scopeUnits", scope.unitsParameter())
			.query((rs, row) -> new Matter(rs.getString(1), rs.getString(2), rs.getString(3),
					reason != null ? reason : "时限 " + rs.getTimestamp(4).toInstant().atZone(zone).toLocalDateTime().toString().replace('T', ' ')))
			.list();
	}

	/** Departments whose composite score over the 7 days to {@code day} differs most from the 7 days before. */
	private List<String[]> moved(LocalDate day, Scope scope) {
		Map<String, Figures> now = byKey(assessment.figures(Dimension.DEPARTMENTS, day.minusDays(6), day, scope));
		Map<String, Figures> before = byKey(assessment.figures(Dimension.DEPARTMENTS, day.minusDays(13), day.minusDays(7), scope));
		return now.values().stream()
			.filter(f -> f.score() != null && before.containsKey(f.key()) && before.get(f.key()).score() != null)
			.sorted(Comparator.comparingDouble((Figures f) -> -Math.abs(f.score() - before.get(f.key()).score())))
			.limit(3)
			.map(f -> {
				double change = f.score() - before.get(f.key()).score();
				return new String[] { f.name(), score(before.get(f.key()).score()) + " → " + score(f.score()) + "（" + (change >= 0 ? "+" : "")
						+ String.format("%.1f", change) + "）" };
			})
			.toList();
	}

	private Report store(String kind, LocalDate from, LocalDate to, String scope, String title, String html, String csv, List<String> audience) {
		java.time.Instant now = clock.instant();
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into kpi_report (kind, period_start, period_end, scope, title, html, csv, created_at)
				values (:kind, :from, :to, :scope, :title, :html, :csv, :at)""")
			.param("kind", kind).param("from", java.sql.Date.valueOf(from)).param("to", java.sql.Date.valueOf(to)).param("scope", scope)
			.param("title", title).param("html", html).param("csv", csv).param("at", Timestamp.from(now))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		events.publishEvent(new ReportIssued(id, kind, from, to, scope, title, audience, "/api/kpi/reports/" + id));
		return new Report(id, kind, from, to, scope, title, now);
	}

	/** The scope of a town's report: its office and its villages' committees, its own and its villages' units. */
	private Scope townScope(Directory.Town town) {
		var departments = new LinkedHashSet<String>();
		departments.add(town.office().id());
		town.villages().forEach(village -> departments.add(village.committee().id()));
		var units = directory.unitsUnder(town.id()).stream().map(Unit::id).collect(Collectors.toSet());
		return new Scope(false, Set.copyOf(departments), units);
	}

	/** Highest composite score first; those without a score after, by key. */
	private static List<Figures> ranked(List<Figures> figures) {
		return figures.stream().sorted(Comparator.comparing((Figures f) -> f.score() == null ? 1 : 0)
			.thenComparing(f -> f.score() == null ? 0 : -f.score()).thenComparing(Figures::key)).toList();
	}

	private static Map<String, Figures> byKey(List<Figures> figures) {
		var map = new LinkedHashMap<String, Figures>();
		figures.forEach(f -> map.put(f.key(), f));
		return map;
	}

	private static String head(String title) {
		return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
				+ "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}</style>"
				+ "</head><body><h1>" + esc(title) + "</h1>";
	}

	private static String table(List<Figures> departments) {
		if (departments.isEmpty()) {
			return "<p>无。</p>";
		}
		var html = new StringBuilder("<table><tr><th>名次</th><th>部门</th><th>受理</th><th>办结</th><th>按时办结率</th><th>响应率</th><th>解决率</th>"
				+ "<th>满意率</th><th>综合得分</th><th>超期未办</th></tr>");
		int rank = 0;
		for (Figures f : departments) {
			html.append("<tr><td>").append(f.score() == null ? "—" : String.valueOf(++rank)).append("</td><td>").append(esc(f.name())).append("</td><td>")
				.append(f.received()).append("</td><td>").append(f.closed()).append("</td><td>").append(percent(f.onTimeRate())).append("</td><td>")
				.append(percent(f.responseRate())).append("</td><td>").append(percent(f.resolutionRate())).append("</td><td>")
				.append(percent(f.satisfactionRate())).append("</td><td>").append(score(f.score())).append("</td><td>").append(f.overdueNow())
				.append("</td></tr>");
		}
		return html.append("</table>").toString();
	}

	private static String matters(List<Matter> matters) {
		if (matters.isEmpty()) {
			return "<p>无。</p>";
		}
		return "<ul>" + matters.stream().map(m -> "<li>" + esc(m.trackingNo()) + "（" + esc(m.reason()) + "）</li>").collect(Collectors.joining())
				+ "</ul>";
	}

	private static String csv(List<Figures> departments) {
		var csv = new StringBuilder("部门编号,部门,受理,按时签收,退单,改派,办结,按时办结,超期未办,预警,催办,督办,延期,重办,按时办结率,退单率,重办率,响应率,解决率,满意率,综合得分\n");
		for (Figures f : departments) {
			csv.append(String.join(",", f.key(), f.name().replace(",", "，"), String.valueOf(f.received()), String.valueOf(f.signedOnTime()),
					String.valueOf(f.returned()), String.valueOf(f.redispatched()), String.valueOf(f.closed()), String.valueOf(f.closedOnTime()),
					String.valueOf(f.overdueNow()), String.valueOf(f.warned()), String.valueOf(f.urged()), String.valueOf(f.supervised()),
					String.valueOf(f.extended()), String.valueOf(f.reworked()), value(f.onTimeRate()), value(f.returnRate()), value(f.reworkRate()),
					value(f.responseRate()), value(f.resolutionRate()), value(f.satisfactionRate()), value(f.score()))).append('\n');
		}
		return csv.toString();
	}

	private static String names(List<Figures> departments) {
		return departments.isEmpty() ? "无" : departments.stream().map(d -> d.name() + "（" + score(d.score()) + "）").collect(Collectors.joining("、"));
	}

	private static String percent(Double rate) {
		return rate == null ? "—" : String.format("%.1f%%", rate * 100);
	}

	private static String score(Double score) {
		return score == null ? "—" : String.format("%.1f", score);
	}

	private static String value(Double value) {
		return value == null ? "" : String.valueOf(value);
	}

	private static String esc(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
