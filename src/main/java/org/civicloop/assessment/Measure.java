package org.civicloop.assessment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The durations assessment reports as p50 and p90: each counted in the roll-ups as a histogram of 16 classes
 * (columns {@code <measure>_00} to {@code _15}), so that a year's percentiles add up from a few thousand rows
 * instead of sorting a million; a percentile is interpolated within its class.
 */
enum Measure {

	/** Routing to sign-for, counted on the day of the sign-for. */
	SIGN_FOR("sign_for"),
	/** Sign-for to the last handling report, counted on the day of the closure. */
	HANDLING("handling"),
	/** Registration to closure, counted on the day of the closure. */
	LOOP("loop");

	/** Upper bounds of the classes but the last, in hours. */
	static final double[] BOUNDS = { 0.5, 1, 2, 4, 8, 12, 24, 36, 48, 72, 120, 168, 240, 480, 720 };

	static final int CLASSES = BOUNDS.length + 1;

	/** Every column of a roll-up row after its keys: the counters, then each measure's classes. */
	static final List<String> COLUMNS;

	static {
		var columns = new ArrayList<String>();
		Arrays.stream(Counter.values()).map(Counter::column).forEach(columns::add);
		for (Measure measure : values()) {
			for (int c = 0; c < CLASSES; c++) {
				columns.add(measure.prefix + "_" + (c < 10 ? "0" : "") + c);
			}
		}
		COLUMNS = List.copyOf(columns);
	}

	private final String prefix;

	Measure(String prefix) {
		this.prefix = prefix;
	}

	/** The index in a roll-up row of the class that holds {@code seconds}. */
	int column(long seconds) {
		double hours = seconds / 3600.0;
		int c = 0;
		while (c < BOUNDS.length && hours > BOUNDS[c]) {
			c++;
		}
		return Counter.values().length + ordinal() * CLASSES + c;
	}

	/** The {@code quantile} of this measure in hours from a roll-up row, interpolated within its class; null when the row counts none. */
	Double percentile(long[] row, double quantile) {
		int first = Counter.values().length + ordinal() * CLASSES;
		long total = 0;
		for (int c = 0; c < CLASSES; c++) {
			total += row[first + c];
		}
		if (total == 0) {
			return null;
		}
		double rank = quantile * total;
		long below = 0;
		for (int c = 0; c < CLASSES; c++) {
			long here = row[first + c];
			if (here > 0 && below + here >= rank) {
				double lower = c == 0 ? 0 : BOUNDS[c - 1];
				double upper = c < BOUNDS.length ? BOUNDS[c] : lower * 1.5;
				return Math.round((lower + (upper - lower) * Math.max(0, rank - below) / here) * 100) / 100.0;
			}
			below += here;
		}
		return BOUNDS[BOUNDS.length - 1];
	}

}
