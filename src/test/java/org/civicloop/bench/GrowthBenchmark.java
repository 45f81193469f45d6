package org.civicloop.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.HdrHistogram.Histogram;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Intake latency and the staff list ({@code GET /api/matters}) as the matter table grows: the table is filled
 * with generated matters (one SQL statement per size, not the engine: a year of registrations across every unit,
 * category and department, one in ten still open, one in seven with a co-handling department) up to each size,
 * analysed, then each request is timed sequentially — intake as the hotline system, the list with each filter as
 * the dispatcher (who sees every matter) and as a department cadre (who sees the matters their department leads
 * or co-handles).
 *
 * <p>Run with {@code bench/growth.sh [sizes=10000,100000,1000000]}; PostgreSQL only.
 */
public final class GrowthBenchmark {

	private static final int REQUESTS = 40;

	private static final Map<String, String> FILTERS = new LinkedHashMap<>();

	static {
		FILTERS.put("none", "");
		FILTERS.put("unit", "unit=qingshi");
		FILTERS.put("department", "department=dept-urban");
		FILTERS.put("stage", "stage=handle");
		FILTERS.put("category", "category=road-damage");
		FILTERS.put("overdue", "overdue=true");
		FILTERS.put("30 days", "from=2026-10-01T00:00:00Z&to=2026-10-31T00:00:00Z");
		FILTERS.put("by due date", "sort=dueAt,asc");
		FILTERS.put("page 50", "page=50");
	}


	private final AtomicLong phones = new AtomicLong(13_500_000_000L);

	private final BenchHttp http;

	private final JdbcTemplate jdbc;

	private GrowthBenchmark(ConfigurableApplicationContext app) {
		this.http = new BenchHttp(BenchApp.baseUrl(app));
		this.jdbc = new JdbcTemplate(app.getBean(DataSource.class));
	}

	public static void main(String[] args) throws Exception {
		List<Integer> sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000,1000000").split(","))
			.map(Integer::parseInt).toList();
		ConfigurableApplicationContext app = BenchApp.start("postgres");
		try {
			var bench = new GrowthBenchmark(app);
			for (int size : sizes) {
				bench.fillTo(size);
				bench.measure(size);
			}
		}
		finally {
			app.close();
		}
	}

	/** Generated matters up to {@code size} rows in all, then {@code VACUUM ANALYZE}. */
	private void fillTo(int size) {
		long have = jdbc.queryForObject("select count(*) from matter", Long.class);
		if (have < size) {
			jdbc.update("""
					insert into matter (tracking_no, public_id, process_instance_id, channel, matter_type, category, urgency,
					                    description, unit_id, address, reporter_name, reporter_phone, stage, lead_department,
					                    co_departments, registered_at, closed_at, due_at, satisfaction, registered_by)
					select 'GB' || lpad(g::text, 14, '0'), 'g' || lpad(g::text, 11, '0'), null, 'hotline', 'complaint',
					       (array['road-damage','street-light','garbage','noise','illegal-construction','water-supply','drainage',
					              'heating','property-management','wage-arrears','food-safety','pollution','elderly-help',
					              'consumer-complaint'])[1 + (g / 3) % 14],
					       'normal', '生成的诉求，用于测量增长', (array['qinghe','qingshi','shangtang','xiatang','liuwan','hebin','xinqiao'])[1 + (g / 11) % 7],
					       '生成地址', '生成', '138' || lpad((g % 100000000)::text, 8, '0'),
					       case when g % 10 = 0 then (array['sign-for','handle','review','return-visit'])[1 + (g / 10) % 4] else 'closed' end,
					       (array['dept-housing','dept-urban','dept-transport','dept-market','dept-ecology'])[1 + (g / 17) % 5],
					       case when (g / 5) % 7 = 0 then 'dept-urban' else '' end,
					       timestamp '2026-11-28 00:00:00' - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second',
					       case when g % 10 = 0 then null else timestamp '2026-11-28 00:00:00' - (g % 365) * interval '1 day' + interval '3 days' end,
					       case when g % 10 = 0 then timestamp '2026-11-28 00:00:00' + ((g / 10) % 20 - 10) * interval '1 day' end,
					       case when g % 10 = 0 then null else 'satisfied' end, 'hotline-system'
					from generate_series(?, ?) g""", have + 1, (long) size);
			jdbc.update("""
					insert into matter_co_department (matter_id, department, lead_department, unit_id, registered_at)
					select id, co_departments, lead_department, unit_id, registered_at from matter where co_departments = 'dept-urban' and tracking_no like 'GB%'
					on conflict do nothing""");
		}
		jdbc.execute("vacuum analyze matter");
		jdbc.execute("vacuum analyze matter_co_department");
	}

	private void measure(int size) throws Exception {
		var intake = new Histogram(3);
		for (int i = 0; i < REQUESTS + 10; i++) {
			long start = System.nanoTime();
			http.send("hotline-system", "POST", "/api/matters", """
					{"channel":"hotline","type":"complaint","category":"road-damage","urgency":"normal",
					 "description":"增长测量：镇区主干道出现大坑","unit":"qingshi","location":{"address":"青石镇中心路"},
					 "reporter":{"name":"基准","phone":"%d"}}""".formatted(phones.incrementAndGet()), 201);
			if (i >= 10) {
				intake.recordValue(System.nanoTime() - start);
			}
		}
		System.out.printf("%n%,d matters%n  %-34s p50 %6.1f ms  p95 %6.1f ms%n", size, "intake POST /api/matters",
				intake.getValueAtPercentile(50) / 1e6, intake.getValueAtPercentile(95) / 1e6);
		for (String viewer : List.of("dispatcher", "transport.he", "qingshi.shen")) {
			for (var filter : FILTERS.entrySet()) {
				var list = new Histogram(3);
				String total = "";
				for (int i = 0; i < REQUESTS + 5; i++) {
					long start = System.nanoTime();
					String body = http.send(viewer, "GET", "/api/matters?" + filter.getValue(), null, 200);
					if (i >= 5) {
						list.recordValue(System.nanoTime() - start);
					}
					total = body.replaceAll("(?s).*\"total\":(\\d+).*", "$1");
				}
				System.out.printf("  %-34s p50 %6.1f ms  p95 %6.1f ms  (total %s)%n", "list as " + viewer + ", " + filter.getKey(),
						list.getValueAtPercentile(50) / 1e6, list.getValueAtPercentile(95) / 1e6, total);
			}
		}
	}

}
