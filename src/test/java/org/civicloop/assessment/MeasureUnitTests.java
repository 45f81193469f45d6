package org.civicloop.assessment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeasureUnitTests {

	private static long[] row(Measure measure, long... seconds) {
		long[] row = new long[Measure.COLUMNS.size()];
		for (long each : seconds) {
			row[measure.column(each)]++;
		}
		return row;
	}

	@Test
	void eachDurationFallsInTheClassOfItsHours() {
		int first = Counter.values().length + Measure.HANDLING.ordinal() * Measure.CLASSES;
		assertThat(Measure.HANDLING.column(0)).isEqualTo(first);
		assertThat(Measure.HANDLING.column(30 * 60)).as("0.5 h is the first class's upper bound").isEqualTo(first);
		assertThat(Measure.HANDLING.column(30 * 60 + 1)).isEqualTo(first + 1);
		assertThat(Measure.HANDLING.column(5 * 24 * 3600)).as("120 h").isEqualTo(first + 10);
		assertThat(Measure.HANDLING.column(365L * 24 * 3600)).as("beyond 60 days: the last class").isEqualTo(first + Measure.CLASSES - 1);
		assertThat(Measure.COLUMNS).hasSize(Counter.values().length + 3 * 16).contains("sign_for_00", "handling_12", "loop_15");
	}

	@Test
	void percentilesAreInterpolatedWithinTheirClass() {
		// ten sign-fors in the class of 2 to 4 hours: the median lies halfway through it
		long[] row = row(Measure.SIGN_FOR, 7300, 7400, 7500, 7600, 7700, 7800, 7900, 8000, 8100, 8200);
		assertThat(Measure.SIGN_FOR.percentile(row, 0.5)).isEqualTo(3.0);
		assertThat(Measure.SIGN_FOR.percentile(row, 0.9)).isEqualTo(3.8);
		assertThat(Measure.LOOP.percentile(row, 0.5)).as("no loop counted").isNull();

		long[] spread = row(Measure.LOOP, 3600 / 2, 3600 * 30, 3600 * 30, 3600 * 100);
		assertThat(Measure.LOOP.percentile(spread, 0.5)).as("the 2nd of 4 lies in 24-36 h").isBetween(24.0, 36.0);
		assertThat(Measure.LOOP.percentile(spread, 0.9)).as("the 4th in 72-120 h").isBetween(72.0, 120.0);
	}

}
