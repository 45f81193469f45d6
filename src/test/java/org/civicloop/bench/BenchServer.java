package org.civicloop.bench;

/**
 * CivicLoop as {@link BenchApp} starts it, in a JVM of its own on the PostgreSQL database named by the first
 * argument, for {@link AlternatingLoop}: prints {@code ready <base URL>} once it serves, then serves until the
 * process is stopped.
 */
public final class BenchServer {

	private BenchServer() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("bench.db.url", args[0]);
		var app = BenchApp.start("postgres");
		System.out.println("ready " + BenchApp.baseUrl(app));
		System.out.flush();
		Thread.currentThread().join();
	}

}
