package org.civicloop.assessment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.civicloop.system.Sampled;

import org.springframework.stereotype.Component;

/**
 * The county's open matters as operators watch them, from the read model the dashboard uses:
 * {@code civicloop.matters.open{stage}} and {@code civicloop.matters.overdue{stage}} (past a sign-for or handling
 * limit), a unit's own steps under {@code stage="other"}.
 */
@Component
class AssessmentMetrics implements MeterBinder {

	private final Sampled<List<Dashboard.StageCount>> stages;

	AssessmentMetrics(Dashboard dashboard, Clock clock) {
		this.stages = new Sampled<>(Duration.ofSeconds(10), () -> dashboard.stages(clock.instant(), Scope.EVERYTHING));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String stage : Dashboard.STAGE_ORDER) {
			gauge(registry, "civicloop.matters.open", stage, false);
			gauge(registry, "civicloop.matters.overdue", stage, true);
		}
		gauge(registry, "civicloop.matters.open", "other", false);
		gauge(registry, "civicloop.matters.overdue", "other", true);
	}

	private void gauge(MeterRegistry registry, String name, String stage, boolean overdue) {
		Gauge.builder(name, stages, sampled -> sampled.get().stream()
			.filter(count -> stage.equals("other") ? !Dashboard.STAGE_ORDER.contains(count.stage()) : stage.equals(count.stage()))
			.mapToLong(count -> overdue ? count.overdue() : count.open()).sum())
			.tag("stage", stage).register(registry);
	}

}
