package org.civicloop.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.management.Metrics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine's job executor as operators watch it, the same on every node (read from the shared database):
 * {@code civicloop.jobs{state=due|locked|failed|lock-expired}} — jobs due and free to take (the backlog), held by
 * a node now, out of retries (incidents), held past their lock time (a node died holding them; the engine hands
 * them out again) — and the acquisition counts every node reports to the database
 * ({@code civicloop.jobs.acquisition{result=attempt|acquired|failed}}, as of the nodes' last report).
 */
@Component
class JobMetrics implements MeterBinder {

	private final Sampled<Map<String, Long>> jobs;

	private final Sampled<Map<String, Long>> acquisitions;

	JobMetrics(JdbcClient jdbc, Clock clock) {
		this.acquisitions = new Sampled<>(Duration.ofSeconds(10), () -> {
			var sums = new java.util.HashMap<String, Long>();
			jdbc.sql("select name_, sum(value_) from act_ru_meter_log where name_ in (:names) group by name_")
				.param("names", List.of(Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS, Metrics.JOB_ACQUIRED_FAILURE))
				.query(rs -> {
					sums.put(rs.getString(1), rs.getLong(2));
				});
			return sums;
		});
		this.jobs = new Sampled<>(Duration.ofSeconds(10), () -> jdbc.sql("""
				select
				  sum(case when retries_ > 0 and suspension_state_ = 1 and (duedate_ is null or duedate_ <= :now)
				           and (lock_exp_time_ is null or lock_exp_time_ < :now) then 1 else 0 end) as due,
				  sum(case when lock_exp_time_ >= :now then 1 else 0 end) as locked,
				  sum(case when retries_ = 0 then 1 else 0 end) as failed,
				  sum(case when lock_exp_time_ < :now then 1 else 0 end) as lock_expired
				from act_ru_job""")
			.param("now", Timestamp.from(clock.instant()))
			.query(rs -> {
				rs.next();
				return Map.of("due", rs.getLong(1), "locked", rs.getLong(2), "failed", rs.getLong(3), "lock-expired", rs.getLong(4));
			}));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String state : new String[] { "due", "locked", "failed", "lock-expired" }) {
			Gauge.builder("civicloop.jobs", jobs, sampled -> sampled.get().get(state)).tag("state", state)
				.description("Jobs of the engine by state, all nodes").register(registry);
		}
		acquisition(registry, "attempt", Metrics.JOB_ACQUISITION_ATTEMPT);
		acquisition(registry, "acquired", Metrics.JOB_ACQUIRED_SUCCESS);
		acquisition(registry, "failed", Metrics.JOB_ACQUIRED_FAILURE);
	}

	private void acquisition(MeterRegistry registry, String result, String metric) {
		FunctionCounter.builder("civicloop.jobs.acquisition", acquisitions, sampled -> sampled.get().getOrDefault(metric, 0L))
			.tag("result", result).description("Job acquisitions of all nodes, as of their last report to the database").register(registry);
	}

}
