package org.civicloop.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.springframework.stereotype.Component;

/**
 * The engine's clock as a {@link Clock}, the one every module asks for the time: timers, due dates, "overdue"
 * and the records agree, and a test that moves the engine's time moves CivicLoop's with it. The only class
 * that knows where the engine keeps its time.
 */
@Component
public class EngineClock extends Clock {

	@Override
	public Instant instant() {
		return ClockUtil.now().toInstant();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(this, java.time.Duration.ZERO).withZone(zone);
	}

}
