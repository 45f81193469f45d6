package org.civicloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent so far by a PostgreSQL server on this host, read from {@code /proc}: every process named
 * {@code postgres} (the server, its backends and workers) plus what the server has collected of its children
 * that already ended (its {@code cutime} and {@code cstime}). The difference over a round is the database's
 * share of that round. Unknown ({@code -1}) where there is no such server here or no {@code /proc}.
 */
final class DatabaseCpu {

	/** Linux's USER_HZ: the unit of the times in {@code /proc/<pid>/stat} on every architecture Java runs on. */
	private static final int TICKS_PER_SECOND = 100;

	private DatabaseCpu() {
	}

	static long millis() {
		long ticks = 0;
		boolean found = false;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : (Iterable<Path>) processes::iterator) {
				String[] stat = stat(process);
				if (stat == null) {
					continue;
				}
				found = true;
				// fields after the name: state is 0, utime 11, stime 12, cutime 13, cstime 14; ppid 1
				ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
				if (!"postgres".equals(command(Path.of("/proc", stat[1])))) {
					// the server itself (its parent is not a postgres process): its ended children too
					ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
				}
			}
		}
		catch (IOException | RuntimeException unreadable) {
			return -1;
		}
		return found ? ticks * 1000 / TICKS_PER_SECOND : -1;
	}

	/** User and system CPU time so far of one process on this host (all its threads), such as a server JVM. */
	static long millisOf(long pid) throws IOException {
		String[] stat = fields(Path.of("/proc", String.valueOf(pid)));
		return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 1000 / TICKS_PER_SECOND;
	}

	/**
	 * The CPU time so far of a JVM's JIT compiler threads ({@code C1 CompilerThread…}, {@code C2 CompilerThread…}),
	 * or -1 where there are none to read. A compiler thread the JVM ends when the compilers are idle takes its time
	 * with it; on this two-core machine the JVM runs one of each, which it keeps.
	 */
	static long compilerMillisOf(long pid) {
		long ticks = 0;
		boolean found = false;
		try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path thread : (Iterable<Path>) threads::iterator) {
				String name = command(thread);
				if (name != null && name.matches("C[12] Compiler.*")) {
					try {
						String[] stat = fields(thread);
						ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
						found = true;
					}
					catch (IOException gone) {
						// ended meanwhile
					}
				}
			}
		}
		catch (IOException | RuntimeException unreadable) {
			return -1;
		}
		return found ? ticks * 1000 / TICKS_PER_SECOND : -1;
	}

	/** The fields of a postgres process's stat after its name, or null for any other process (or one gone). */
	private static String[] stat(Path process) {
		if (!process.getFileName().toString().chars().allMatch(Character::isDigit) || !"postgres".equals(command(process))) {
			return null;
		}
		try {
			return fields(process);
		}
		catch (IOException gone) {
			return null;
		}
	}

	/** The fields of a process's stat after its name (which may hold spaces): state is 0, ppid 1, utime 11, stime 12. */
	private static String[] fields(Path process) throws IOException {
		String line = Files.readString(process.resolve("stat"));
		return line.substring(line.lastIndexOf(')') + 2).split(" ");
	}

	private static String command(Path process) {
		try {
			return Files.readString(process.resolve("comm")).strip();
		}
		catch (IOException gone) {
			return null;
		}
	}

}
