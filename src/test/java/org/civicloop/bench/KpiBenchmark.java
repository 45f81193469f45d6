package org.civicloop.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.civicloop.matter.Categories;
import org.civicloop.organization.Directory;
import org.HdrHistogram.Histogram;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Assessment at a county's scale: {@code matters} closed matters over 2025, written straight into the tables by
 * SQL with a realistic spread (categories, units and departments skewed as real intake is; one in twenty returned
 * and re-dispatched, one in twelve signed for late, warnings, urges, rework, satisfaction 78/15/7 %): the
 * {@code matter} records, their timelines ({@code matter_event}, about 16 entries each) and the engine history
 * Camunda would keep ({@code ACT_HI_PROCINST}, {@code ACT_HI_TASKINST}, candidate links in
 * {@code ACT_HI_IDENTITYLINK}). Then, one run:
 * <ol>
 * <li>the read model is rebuilt from the records ({@code POST /api/kpi/rebuild}): its time;</li>
 * <li>the department, unit and category figures for a month and for the year, from the read model over HTTP as
 * a leader: p50 and p95 of {@code runs} requests each;</li>
 * <li>the same figures' counts and durations computed from the engine's history tables (sign-for tasks with
 * their candidate group and due date, the last handling task of each finished instance): p50 and p95 of a few
 * runs each, and the ratio.</li>
 * </ol>
 * Run with {@code bench/kpi.sh [matters=1000000] [runs=20]}; PostgreSQL only.
 */
public final class KpiBenchmark {

	private static final int HISTORY_RUNS = 3;

	private final JdbcTemplate jdbc;

	private final BenchHttp http;

	private final Directory directory;

	private final Categories categories;

	private KpiBenchmark(ConfigurableApplicationContext app) {
		this.jdbc = new JdbcTemplate(app.getBean(DataSource.class));
		this.http = new BenchHttp(BenchApp.baseUrl(app));
		this.directory = app.getBean(Directory.class);
		this.categories = app.getBean(Categories.class);
	}

	public static void main(String[] args) throws Exception {
		int matters = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		ConfigurableApplicationContext app = BenchApp.start("postgres");
		try {
			var bench = new KpiBenchmark(app);
			long started = System.nanoTime();
			if (bench.count("matter") == matters) {
				System.out.printf("%,d matters already generated (bench/kpi.sh ... keep)%n", matters);
			}
			else {
				bench.generate(matters);
			}
			System.out.printf("%,d closed matters of 2025 generated in %.0f s: %,d timeline entries, %,d history tasks%n", matters,
					(System.nanoTime() - started) / 1e9, bench.count("matter_event"), bench.count("act_hi_taskinst"));

			started = System.nanoTime();
			String rebuilt = bench.http.send("demo", "POST", "/api/kpi/rebuild", "{}", 200);
			System.out.printf("rebuild of the read model from the records: %.0f s (%s); %,d day rows, %,d month rows, %,d cadre-day rows%n",
					(System.nanoTime() - started) / 1e9, rebuilt, bench.count("kpi_day"), bench.count("kpi_month"), bench.count("kpi_cadre_day"));
			bench.jdbc.execute("vacuum analyze");

			var periods = new LinkedHashMap<String, LocalDate[]>();
			periods.put("a month (2025-06)", new LocalDate[] { LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30) });
			periods.put("the year 2025", new LocalDate[] { LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31) });
			periods.put("15 days (2025-06-10..24)", new LocalDate[] { LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 24) });
			System.out.printf("%n%-10s %-26s %22s %28s %8s%n", "figures", "period", "read model p50 / p95", "engine history p50 / p95", "ratio");
			for (String dimension : List.of("departments", "units", "categories")) {
				for (var period : periods.entrySet()) {
					Histogram model = bench.fromReadModel(dimension, period.getValue(), runs);
					Histogram history = bench.fromHistory(dimension, period.getValue());
					System.out.printf("%-10s %-26s %9.1f / %6.1f ms %13.0f / %6.0f ms %7.0fx%n", dimension, period.getKey(),
							model.getValueAtPercentile(50) / 1e6, model.getValueAtPercentile(95) / 1e6, history.getValueAtPercentile(50) / 1e6,
							history.getValueAtPercentile(95) / 1e6, (double) history.getValueAtPercentile(50) / model.getValueAtPercentile(50));
				}
			}
		}
		finally {
			app.close();
		}
	}

	private long count(String table) {
		return jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

	private Histogram fromReadModel(String dimension, LocalDate[] period, int runs) throws Exception {
		var times = new Histogram(3);
		String path = "/api/kpi/" + dimension + "?from=" + period[0] + "&to=" + period[1];
		for (int i = 0; i < runs + 3; i++) {
			long start = System.nanoTime();
			http.send("leader", "GET", path, null, 200);
			if (i >= 3) {
				times.recordValue(System.nanoTime() - start);
			}
		}
		return times;
	}

	/**
	 * The same figures from the engine's history: received and signed on time from the sign-for tasks (by candidate
	 * group, tenant or the matter's category), closed, closed on time and the durations from the finished instances
	 * and their last handling task.
	 */
	private Histogram fromHistory(String dimension, LocalDate[] period) {
		String key = switch (dimension) {
			case "departments" -> "l.group_id_";
			case "units" -> "t.tenant_id_";
			default -> "m.category";
		};
		String matterJoin = dimension.equals("categories") ? " join act_hi_procinst p0 on p0.proc_inst_id_ = t.proc_inst_id_"
				+ " join matter m on m.tracking_no = p0.business_key_" : "";
		String signFor = "select " + key + " as k, count(*) as received, sum(case when t.end_time_ <= t.due_date_ then 1 else 0 end) as on_time,"
				+ " percentile_cont(0.5) within group (order by t.duration_) as p50, percentile_cont(0.9) within group (order by t.duration_) as p90"
				+ " from act_hi_taskinst t join act_hi_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'" + matterJoin
				+ " where t.task_def_key_ = 'task_signFor' and t.start_time_ >= ? and t.start_time_ < ? group by " + key;
		String closedKey = key.replace("t.tenant_id_", "p.tenant_id_");
		String closed = "select " + closedKey + " as k, count(*) as closed, sum(case when t.end_time_ <= t.due_date_ then 1 else 0 end) as on_time,"
				+ " percentile_cont(0.5) within group (order by p.duration_) as l50, percentile_cont(0.9) within group (order by p.duration_) as l90"
				+ " from act_hi_procinst p"
				+ " join lateral (select h.id_, h.end_time_, h.due_date_ from act_hi_taskinst h where h.proc_inst_id_ = p.proc_inst_id_"
				+ " and h.task_def_key_ = 'task_handle' order by h.end_time_ desc limit 1) t on true"
				+ " join act_hi_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'"
				+ (dimension.equals("categories") ? " join matter m on m.tracking_no = p.business_key_" : "")
				+ " where p.proc_def_key_ = 'matter-handling' and p.end_time_ >= ? and p.end_time_ < ? group by " + closedKey;
		var from = java.sql.Timestamp.valueOf(period[0].atStartOfDay().minusHours(8));
		var to = java.sql.Timestamp.valueOf(period[1].plusDays(1).atStartOfDay().minusHours(8));
		var times = new Histogram(3);
		for (int i = 0; i < HISTORY_RUNS; i++) {
			long start = System.nanoTime();
			jdbc.queryForList(signFor, from, to);
			jdbc.queryForList(closed, from, to);
			times.recordValue(System.nanoTime() - start);
		}
		return times;
	}

	/** The generated year: a plan per matter, then the records, timelines and history from it, then the plan dropped. */
	private void generate(int matters) {
		String categoryList = array(categories.all().stream().map(Categories.Category::code).toList());
		String unitList = array(directory.units().stream().map(unit -> unit.id()).toList());
		List<String> groups = new ArrayList<>(directory.handlingGroups());
		String groupList = array(groups);
		jdbc.execute("drop table if exists kpi_bench_plan");
		jdbc.update("""
				create unlogged table kpi_bench_plan as
				select b.*, case when reworked then h + interval '26 hours' + interval '2 days' end as h2,
				       case when reworked then h + interval '4 days 4 hours' else h + interval '26 hours' end as c
				from (select a.*, s + case when urged then interval '6 days' else (1 + floor(r3 * 3)) * interval '1 day' end as h
				      from (select g as id, t0,
				                   case when returned then t0 + interval '3 hours'
				                        when late then t0 + interval '6 hours' else t0 + (0.5 + r2 * 2.5) * interval '1 hour' end as s,
				                   category, unit_id, lead, lead2, returned, late, warned, urged, reworked,
				                   case when r1 < 0.78 then 'satisfied' when r1 < 0.93 then 'basically-satisfied' else 'unsatisfied' end as satisfaction,
				                   r1 < 0.9 as resolved, r2, r3
				            from (select g, timestamp '2024-12-31 16:00:00' + floor(random() * 365) * interval '1 day'
				                            + (1 + floor(random() * 9)) * interval '1 hour' + floor(random() * 3600) * interval '1 second' as t0,
				                         (%1$s)[1 + floor(power(random(), 1.6) * %2$d)::int] as category,
				                         (%3$s)[1 + floor(power(random(), 1.3) * %4$d)::int] as unit_id,
				                         (%5$s)[1 + floor(power(random(), 1.5) * %6$d)::int] as lead,
				                         (%5$s)[1 + floor(random() * %6$d)::int] as lead2,
				                         random() < 0.05 as returned, random() < 0.08 as late, random() < 0.15 as warned,
				                         random() < 0.05 as urged, random() < 0.06 as reworked, random() as r1, random() as r2, random() as r3
				                  from generate_series(1, %7$d) g) raw) a) b""".formatted(categoryList, categories.all().size(), unitList,
				directory.units().size(), groupList, groups.size(), matters));
		jdbc.update("""
				insert into matter (id, tracking_no, public_id, process_instance_id, channel, matter_type, category, urgency, description,
				                    unit_id, stage, lead_department, registered_at, closed_at, satisfaction, registered_by)
				select id, 'KB' || lpad(id::text, 14, '0'), 'k' || lpad(id::text, 11, '0'), 'kbpi' || id, 'hotline', 'complaint', category,
				       'normal', '生成的诉求，用于测量考核', unit_id, 'closed', case when returned then lead2 else lead end, t0, c,
				       case when reworked then 'satisfied' else satisfaction end, 'hotline-system'
				from kpi_bench_plan order by id""");
		jdbc.execute("select setval(pg_get_serial_sequence('matter', 'id'), (select max(id) from matter))");
		// the timeline, in each matter's order: statement after statement, as the steps happened
		String event = "insert into matter_event (matter_id, occurred_at, kind, stage, department, actor, note, due_at, satisfaction, resolved) ";
		String signLead = "case when returned then lead2 else lead end";
		for (String step : List.of(
				"select id, t0, 'REGISTERED', 'registered', 'dispatch-centre', 'hotline-system', '渠道 hotline', null, null, null from kpi_bench_plan",
				"select id, t0, 'ROUTED', 'routed', lead, null, '牵头 ' || lead, null, null, null from kpi_bench_plan",
				"select id, t0, 'TASK_CREATED', 'sign-for', lead, null, '签收', t0 + interval '4 hours', null, null from kpi_bench_plan",
				"select id, t0 + interval '10 minutes', 'CLAIMED', 'sign-for', lead, lead || '.a', '签收', null, null, null from kpi_bench_plan",
				"select id, t0 + interval '1 hour', 'RETURNED', 'sign-for', lead, lead || '.a', '退单', null, null, null from kpi_bench_plan where returned",
				"select id, t0 + interval '2 hours', 'REDISPATCHED', 'redispatch', 'dispatch-centre', 'dispatcher', '改派至 ' || lead2, null, null, null from kpi_bench_plan where returned",
				"select id, t0 + interval '2 hours', 'TASK_CREATED', 'sign-for', lead2, null, '签收', t0 + interval '6 hours', null, null from kpi_bench_plan where returned",
				"select id, s, 'SIGNED', 'sign-for', " + signLead + ", " + signLead + " || '.a', '签收', null, null, null from kpi_bench_plan",
				"select id, s, 'TASK_CREATED', 'handle', " + signLead + ", null, '办理', s + interval '5 days', null, null from kpi_bench_plan",
				"select id, s + interval '5 minutes', 'CLAIMED', 'handle', " + signLead + ", " + signLead + " || '.a', '办理', null, null, null from kpi_bench_plan",
				"select id, s + interval '90 hours', 'WARNING', 'handle', " + signLead + ", null, '预警', s + interval '5 days', null, null from kpi_bench_plan where warned or urged",
				"select id, s + interval '5 days', 'URGE', 'handle', " + signLead + ", null, '催办', s + interval '5 days', null, null from kpi_bench_plan where urged",
				"select id, h, 'HANDLED', 'handle', " + signLead + ", " + signLead + " || '.a', '已解决：已处理', null, null, null from kpi_bench_plan",
				"select id, h, 'TASK_CREATED', 'review', 'dispatch-centre', null, '审核', null, null, null from kpi_bench_plan",
				"select id, h + interval '2 hours', 'ACCEPTED', 'review', 'dispatch-centre', 'dispatcher', '审核通过', null, null, null from kpi_bench_plan",
				"select id, h + interval '2 hours', 'TASK_CREATED', 'return-visit', 'dispatch-centre', null, '回访', null, null, null from kpi_bench_plan",
				"select id, h + interval '26 hours', 'VISITED', 'return-visit', 'dispatch-centre', 'dispatcher', '回访', null,"
						+ " case when reworked then 'unsatisfied' else satisfaction end, case when reworked then false else resolved end from kpi_bench_plan",
				"select id, h + interval '26 hours', 'REWORK', 'rework', " + signLead + ", null, '重办', null, null, null from kpi_bench_plan where reworked",
				"select id, h + interval '26 hours', 'TASK_CREATED', 'handle', " + signLead + ", null, '办理', h + interval '26 hours' + interval '5 days', null, null from kpi_bench_plan where reworked",
				"select id, h2, 'HANDLED', 'handle', " + signLead + ", " + signLead + " || '.a', '已解决：已重办', null, null, null from kpi_bench_plan where reworked",
				"select id, h2 + interval '2 hours', 'ACCEPTED', 'review', 'dispatch-centre', 'dispatcher', '审核通过', null, null, null from kpi_bench_plan where reworked",
				"select id, c, 'VISITED', 'return-visit', 'dispatch-centre', 'dispatcher', '回访', null, 'satisfied', true from kpi_bench_plan where reworked",
				"select id, c, 'CLOSED', 'closed', " + signLead + ", null, '办结', null, case when reworked then 'satisfied' else satisfaction end, null from kpi_bench_plan")) {
			jdbc.update(event + step + " order by id");
		}
		// the engine's history of the same matters
		jdbc.update("""
				insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_, duration_,
				                             start_act_id_, end_act_id_, root_proc_inst_id_, tenant_id_, state_)
				select 'kbpi' || id, 'kbpi' || id, 'KB' || lpad(id::text, 14, '0'), 'matter-handling', 'matter-handling:1:bench', t0, c,
				       (extract(epoch from c - t0) * 1000)::bigint, 'start_matterReported', 'end_matterClosed', 'kbpi' || id, unit_id, 'COMPLETED'
				from kpi_bench_plan""");
		String task = """
				insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_,
				                             act_inst_id_, name_, assignee_, start_time_, end_time_, duration_, due_date_, tenant_id_, task_state_)
				select 'kbt' || id || '-%1$s', '%2$s', 'matter-handling', 'matter-handling:1:bench', 'kbpi' || id, 'kbpi' || id, 'kbpi' || id,
				       'kba' || id || '-%1$s', '%2$s', %3$s, %4$s, %5$s, (extract(epoch from (%5$s) - (%4$s)) * 1000)::bigint, %6$s, unit_id, 'Completed'
				from kpi_bench_plan where %7$s""";
		String link = """
				insert into act_hi_identitylink (id_, timestamp_, type_, group_id_, task_id_, root_proc_inst_id_, proc_def_id_, operation_type_,
				                                 proc_def_key_, tenant_id_)
				select 'kbl' || id || '-%1$s', %2$s, 'candidate', %3$s, 'kbt' || id || '-%1$s', 'kbpi' || id, 'matter-handling:1:bench', 'add',
				       'matter-handling', unit_id
				from kpi_bench_plan where %4$s""";
		String[][] tasks = {
				{ "s1", "task_signFor", "lead || '.a'", "t0", "case when returned then t0 + interval '1 hour' else s end", "t0 + interval '4 hours'", "true", "lead" },
				{ "s2", "task_signFor", "lead2 || '.a'", "t0 + interval '2 hours'", "s", "t0 + interval '6 hours'", "returned", "lead2" },
				{ "h1", "task_handle", signLead + " || '.a'", "s", "h", "s + interval '5 days'", "true", signLead },
				{ "h2", "task_handle", signLead + " || '.a'", "h + interval '26 hours'", "h2", "h + interval '26 hours' + interval '5 days'", "reworked", signLead },
				{ "r1", "task_review", "'dispatcher'", "h", "h + interval '2 hours'", "null", "true", "'dispatch-centre'" },
				{ "v1", "task_returnVisit", "'dispatcher'", "h + interval '2 hours'", "h + interval '26 hours'", "null", "true", "'dispatch-centre'" } };
		for (String[] t : tasks) {
			jdbc.update(task.formatted(t[0], t[1], t[2], t[3], t[4], t[5], t[6]));
			jdbc.update(link.formatted(t[0], t[3], t[7], t[6]));
		}
		jdbc.execute("drop table kpi_bench_plan");
		jdbc.execute("vacuum analyze");
	}

	private static String array(List<String> values) {
		return "array[" + values.stream().map(value -> "'" + value.replace("'", "''") + "'").collect(Collectors.joining(", ")) + "]";
	}

}
