package org.civicloop.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether PostgreSQL's autovacuum is on. Every matter inserts and deletes about sixty rows of the engine's runtime
 * tables (variables, tasks, timer jobs, executions); without autovacuum those tables keep every deleted row and
 * are never analysed, so each lookup in them reads more pages as the day goes on (measured with
 * {@code bench/loop.sh postgres}: the variable table at 51 MB for 250 live rows after four minutes, the timer
 * jobs read by full scans twelve times per matter). Up either way — the engine works, only slower and slower —
 * with a warning in the details (shown to operators and administrators) and in the log when the node starts.
 * Nothing to say on H2, which reuses the space of deleted rows itself.
 */
@Component("vacuum")
class VacuumHealth implements HealthIndicator {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(VacuumHealth.class);

	static final String WARNING = "PostgreSQL's autovacuum is off: the engine's runtime tables grow with every deleted row and "
			+ "their queries slow down until they are vacuumed; turn it on (autovacuum = on in postgresql.conf)";

	private final JdbcClient jdbc;

	private final boolean postgres;

	/** On the database the engine found at its start ({@code postgres}, {@code h2}, ...): asked of nobody again. */
	@Autowired
	VacuumHealth(JdbcClient jdbc, ProcessEngine engine) {
		this(jdbc, "postgres".equals(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType()));
	}

	VacuumHealth(JdbcClient jdbc, boolean postgres) {
		this.jdbc = jdbc;
		this.postgres = postgres;
	}

	@Override
	public Health health() {
		if (!postgres) {
			return Health.up().withDetail("database", "H2: nothing to vacuum").build();
		}
		boolean on;
		try {
			on = autovacuum();
		}
		catch (DataAccessException unanswered) {
			// the database's own component says it is down; this one cannot tell
			return Health.unknown().withDetail("autovacuum", "unknown: the database did not answer").build();
		}
		var health = Health.up().withDetail("autovacuum", on ? "on" : "off");
		if (!on) {
			health.withDetail("warning", WARNING);
		}
		return health.build();
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnIfOff() {
		if (postgres && !autovacuum()) {
			log.warn(WARNING);
		}
	}

	/** Autovacuum runs only when it is on and the statistics it works from are collected. */
	private boolean autovacuum() {
		return jdbc.sql("select count(*) from pg_settings where name in ('autovacuum', 'track_counts') and setting = 'on'")
			.query(Long.class).single() == 2;
	}

}
