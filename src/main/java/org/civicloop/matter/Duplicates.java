package org.civicloop.matter;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the matter a new report repeats: the same reporter phone and category, still open or closed
 * within {@code duplicate-reopen-days}, in the same grid cell or within {@code duplicate-distance-meters}.
 * Without a grid cell or coordinates on both sides nothing is called a repeat: a guess would hide a matter.
 */
@Component
class Duplicates {

	private static final double EARTH_RADIUS_METERS = 6_371_000;

	private final JdbcClient jdbc;

	private final MatterProperties properties;

	Duplicates(JdbcClient jdbc, MatterProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	Optional<Matter> originalOf(NewMatter matter, Instant now) {
		Instant closedSince = now.minus(Duration.ofDays(properties.duplicateReopenDays()));
		return jdbc.sql("""
				select * from matter
				where reporter_phone = :phone and category = :category and (closed_at is null or closed_at >= :since)
				order by registered_at desc""")
			.param("phone", matter.reporter().phone())
			.param("category", matter.category())
			.param("since", Timestamp.from(closedSince))
			.query(Matters::map).stream()
			.filter(candidate -> samePlace(candidate, matter))
			.findFirst();
	}

	private boolean samePlace(Matter earlier, NewMatter now) {
		if (earlier.report().gridCode() != null && earlier.report().gridCode().equals(now.gridCode())) {
			return true;
		}
		if (earlier.report().latitude() == null || now.latitude() == null) {
			return false;
		}
		return distanceMeters(earlier.report().latitude(), earlier.report().longitude(), now.latitude(), now.longitude())
				<= properties.duplicateDistanceMeters();
	}

	/** Great-circle distance (haversine). */
	static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLon = Math.toRadians(lon2 - lon1);
		double a = Math.pow(Math.sin(dLat / 2), 2)
				+ Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
		return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(a));
	}

}
