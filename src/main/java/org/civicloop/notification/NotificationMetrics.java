package org.civicloop.notification;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.civicloop.system.Sampled;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox as operators watch it, all nodes: {@code civicloop.notifications.deliveries{state=pending|dead}} —
 * deliveries waiting to be sent (the backlog) and those given up after the last attempt (dead letters, listed at
 * {@code /api/notifications/deliveries}).
 */
@Component
class NotificationMetrics implements MeterBinder {

	private final Sampled<Map<String, Long>> deliveries;

	NotificationMetrics(JdbcClient jdbc) {
		this.deliveries = new Sampled<>(Duration.ofSeconds(10), () -> {
			var counts = new HashMap<String, Long>();
			jdbc.sql("select state, count(*) from notification_delivery where state in ('pending', 'dead') group by state")
				.query(rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				});
			return counts;
		});
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String state : new String[] { "pending", "dead" }) {
			Gauge.builder("civicloop.notifications.deliveries", deliveries, sampled -> sampled.get().getOrDefault(state, 0L))
				.tag("state", state).register(registry);
		}
	}

}
