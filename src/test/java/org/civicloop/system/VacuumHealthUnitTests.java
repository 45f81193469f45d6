package org.civicloop.system;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class VacuumHealthUnitTests {

	@Test
	void aDatabaseThatDoesNotAnswerTheQuestionLeavesTheAnswerUnknown() {
		var h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:vacuum-health");
		// told it is PostgreSQL, asked of a database without pg_settings: the question fails, the health does not
		var health = new VacuumHealth(JdbcClient.create(h2), true).health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("autovacuum", "unknown: the database did not answer");
	}

}
