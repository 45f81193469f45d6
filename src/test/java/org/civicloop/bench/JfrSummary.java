package org.civicloop.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the node's CPU went in the measured rounds of one path of {@link LoopBenchmark}, from a flight recording
 * made from the JVM's start ({@code bench/profile.sh}): the execution samples taken while a round of that path ran
 * (its {@link LoopBenchmark.RoundEvent}s, warm-ups left out), as shares of all of them — by thread, by
 * CivicLoop's and the engine's methods (inclusive: a method's share holds its callees'), and the engine's
 * statements split into MyBatis building their SQL and running it, by the engine method that asked.
 *
 * <pre>java -cp ... org.civicloop.bench.JfrSummary target/loop.jfr [http|java]</pre>
 */
public final class JfrSummary {

	private static final int SHOWN = 25;

	private JfrSummary() {
	}

	private record Window(Instant from, Instant to) {
	}

	private record Sample(Instant at, String thread, List<String> frames) {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args.length > 0 ? args[0] : "target/loop.jfr");
		String path = args.length > 1 ? args[1] : "http";
		var windows = new ArrayList<Window>();
		var samples = new ArrayList<Sample>();
		try (var recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				String type = event.getEventType().getName();
				if (type.equals("org.civicloop.bench.Round") && path.equals(event.getString("path")) && !event.getBoolean("warmUp")) {
					windows.add(new Window(event.getStartTime(), event.getEndTime()));
				}
				else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
					var thread = event.getThread("sampledThread");
					String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
					samples.add(new Sample(event.getStartTime(), name.replaceAll("\\d+", "N"),
							event.getStackTrace().getFrames().stream().map(JfrSummary::name).toList()));
				}
			}
		}
		if (windows.isEmpty()) {
			System.out.println("No measured " + path + " round in " + file + " (was it recorded from the start?)");
			return;
		}
		var measured = samples.stream().filter(sample -> windows.stream().anyMatch(window -> !sample.at().isBefore(window.from())
				&& !sample.at().isAfter(window.to()))).toList();
		System.out.printf("%s: %d rounds, %d execution samples of the node while they ran%n", path, windows.size(), measured.size());

		System.out.println("\nby thread:");
		print(count(measured, sample -> List.of(sample.thread())), measured.size());
		System.out.println("\nCivicLoop's methods (inclusive):");
		print(count(measured, sample -> withPrefix(sample, "org.civicloop.", "org.civicloop.bench.")), measured.size());
		System.out.println("\nthe engine's commands (inclusive):");
		print(count(measured, sample -> withPrefix(sample, "org.camunda.bpm.engine.impl.cmd.", null)), measured.size());
		System.out.println("\nthe engine's statements, by the method that asked: [sql] MyBatis building the SQL, [run] the rest:");
		print(count(measured, JfrSummary::statement), measured.size());
	}

	private interface Keys {

		List<String> of(Sample sample);

	}

	/** How many samples name each key, each sample counted once per key. */
	private static Map<String, Integer> count(List<Sample> samples, Keys keys) {
		Map<String, Integer> counts = new HashMap<>();
		for (Sample sample : samples) {
			Set<String> once = new HashSet<>(keys.of(sample));
			once.forEach(key -> counts.merge(key, 1, Integer::sum));
		}
		return counts;
	}

	private static List<String> withPrefix(Sample sample, String prefix, String except) {
		return sample.frames().stream().filter(frame -> frame.startsWith(prefix) && (except == null || !frame.startsWith(except)))
			.filter(frame -> !frame.contains("$$")).toList();
	}

	/** For a sample inside a MyBatis query: the engine method outside its database layer that asked, and whether building the SQL. */
	private static List<String> statement(Sample sample) {
		var frames = sample.frames();
		int query = frames.indexOf("org.apache.ibatis.executor.CachingExecutor.query");
		if (query < 0) {
			return List.of();
		}
		boolean building = frames.subList(0, query).contains("org.apache.ibatis.mapping.MappedStatement.getBoundSql");
		for (String frame : frames.subList(query + 1, frames.size())) {
			if (frame.startsWith("org.camunda.bpm.engine.impl.") && !frame.contains(".impl.db.") && !frame.contains(".impl.util.")) {
				return List.of((building ? "[sql] " : "[run] ") + frame);
			}
		}
		return List.of();
	}

	private static void print(Map<String, Integer> counts, int total) {
		counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(SHOWN)
			.forEach(entry -> System.out.printf("%6.1f %%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
