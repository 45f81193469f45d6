package org.civicloop.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * Scheduled work (the outbox's sender, the reports' check, the calendar's refresh) while the database is down:
 * each run fails and the next one tries again; the log says so in one line a minute instead of a stack trace
 * every poll. Any other failure is logged whole.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledWork {

	private static final Logger log = LoggerFactory.getLogger(ScheduledWork.class);

	private static final long QUIET_NANOS = Duration.ofMinutes(1).toNanos();

	@Bean
	ThreadPoolTaskSchedulerCustomizer quietWhileTheDatabaseIsDown() {
		AtomicLong lastSaid = new AtomicLong(System.nanoTime() - QUIET_NANOS);
		ErrorHandler handler = failure -> {
			if (!DatabaseFailures.outage(failure)) {
				log.error("Scheduled work failed", failure);
				return;
			}
			long now = System.nanoTime();
			long said = lastSaid.get();
			if (now - said >= QUIET_NANOS && lastSaid.compareAndSet(said, now)) {
				log.warn("Scheduled work waits for the database, which cannot be reached ({}); retried at every run", failure.getMessage());
			}
		};
		return scheduler -> scheduler.setErrorHandler(handler);
	}

}
