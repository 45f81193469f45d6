package org.civicloop.knowledge;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Typical cases (典型案例) as stored: promoted from a closed matter (once), or written directly. */
@Repository
class TypicalCases {

	/** What a typical case says; {@code matterId} when promoted from a matter. */
	record Written(Long matterId, String title, String category, String unit, String grid, String description, String strategy,
			String regulations) {
	}

	/** The matter is a typical case already. */
	static final class AlreadyTypical extends RuntimeException {

		AlreadyTypical(String trackingNo) {
			super("Matter " + trackingNo + " is a typical case already");
		}

	}

	private final JdbcClient jdbc;

	TypicalCases(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long add(Written written, String by, Instant at, String trackingNo) {
		var keys = new GeneratedKeyHolder();
		try {
			jdbc.sql("""
					insert into typical_case (matter_id, title, category, unit_id, grid_code, description, strategy, regulations,
					  created_by, created_at)
					values (:matter, :title, :category, :unit, :grid, :description, :strategy, :regulations, :by, :at)""")
				.param("matter", written.matterId()).param("title", written.title()).param("category", written.category())
				.param("unit", written.unit()).param("grid", written.grid()).param("description", written.description())
				.param("strategy", written.strategy()).param("regulations", written.regulations()).param("by", by)
				.param("at", Timestamp.from(at))
				.update(keys, "id");
		}
		catch (DuplicateKeyException promotedBefore) {
			throw new AlreadyTypical(trackingNo);
		}
		return keys.getKey().longValue();
	}

}
