package org.civicloop.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleUnitTests {

	private final LoginThrottle throttle = new LoginThrottle(new SecurityProperties(DataSize.ofMegabytes(4), 30, 60, 20, 5,
			Duration.ofMinutes(10), Duration.ofMillis(250), Duration.ofDays(3)));

	@Test
	void attemptsSentAllAtOnceAreCountedOneByOne() throws Exception {
		var start = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(50);
		try {
			var answers = new ArrayList<Future<Duration>>();
			for (int i = 0; i < 50; i++) {
				Callable<Duration> attempt = () -> {
					start.await();
					return throttle.attempt("203.0.113.7", "dispatcher");
				};
				answers.add(pool.submit(attempt));
			}
			start.countDown();
			int allowed = 0;
			for (var answer : answers) {
				allowed += answer.get().isZero() ? 1 : 0;
			}
			assertThat(allowed).as("attempts let through to the password check").isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aSuccessTakesItsAttemptBackAndForgetsTheAccountsFailures() {
		for (int i = 0; i < 4; i++) {
			assertThat(throttle.attempt("203.0.113.8", "dispatcher")).isZero();
		}
		assertThat(throttle.attempt("203.0.113.8", "dispatcher")).isZero();
		throttle.succeeded("203.0.113.8", "dispatcher");
		for (int i = 0; i < 5; i++) {
			assertThat(throttle.attempt("203.0.113.8", "dispatcher")).as("attempt %d after the success", i + 1).isZero();
		}
		assertThat(throttle.attempt("203.0.113.8", "dispatcher")).isPositive();
		assertThat(throttle.attempt("203.0.113.8", "operator")).as("another account from the address").isZero();
	}

	@Test
	void attemptsThatWereNoFailuresDoNotUseUpTheAddress() {
		for (int i = 0; i < 40; i++) {
			assertThat(throttle.attempt("203.0.113.9", null)).isZero();
			throttle.notAFailure("203.0.113.9", null);
		}
		for (int i = 0; i < 20; i++) {
			assertThat(throttle.attempt("203.0.113.9", null)).isZero();
		}
		assertThat(throttle.attempt("203.0.113.9", null)).isPositive();
	}

}
