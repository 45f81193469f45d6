package org.civicloop.assessment;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.civicloop.matter.model.MatterHandling.Stages;
import org.civicloop.matter.store.Timeline;

/**
 * One matter as assessment sees it (a row of {@code kpi_matter}): who leads it, its limits and when they were
 * met, its counts so far and its outcome. Each timeline entry changes it and adds to the day's roll-ups; live
 * from the events and in a rebuild from the stored timeline alike, so both give the same figures.
 */
final class Fact {

	final long matterId;

	final String category;

	final String unitId;

	final Instant registeredAt;

	String lead;

	Instant routedAt;

	Instant signDue;

	Instant signedAt;

	String signedBy;

	Instant handleDue;

	Instant handledAt;

	String handledBy;

	Boolean handledOnTime;

	/** The stage a department now owes (sign-for or handle) and its limit; none while nobody owes one. */
	String openStage;

	Instant openDue;

	int returns;

	int reworks;

	String satisfaction;

	Boolean resolved;

	Instant closedAt;

	Long signForSeconds;

	Long handleSeconds;

	Long loopSeconds;

	/**
	 * The steps that change no fact and count nothing (the branch of {@link #apply} that does nothing): a step of these
	 * alone — a claim, a co-handling reply, an accepted review — needs no fact read.
	 */
	static final Set<Timeline.Kind> UNCOUNTED = Collections.unmodifiableSet(EnumSet.of(Timeline.Kind.REGISTERED,
			Timeline.Kind.REPEATED, Timeline.Kind.CLAIMED, Timeline.Kind.CO_HANDLED, Timeline.Kind.SENT_BACK, Timeline.Kind.ACCEPTED,
			Timeline.Kind.EXTENSION_REQUESTED, Timeline.Kind.EXTENSION_APPROVED, Timeline.Kind.EXTENSION_REFUSED));

	Fact(long matterId, String category, String unitId, Instant registeredAt) {
		this.matterId = matterId;
		this.category = category;
		this.unitId = unitId;
		this.registeredAt = registeredAt;
	}

	/** Where a step's counts go: the day of {@code at}, the department and cadre named, this matter's unit and category. */
	interface Tally {

		void add(Fact fact, Instant at, String department, String cadre, Counter counter);

		void add(Fact fact, Instant at, String department, String cadre, Measure measure, long seconds);

	}

	void apply(Timeline.Entry entry, Tally tally) {
		Instant at = entry.at();
		switch (entry.kind()) {
			case ROUTED -> {
				if (routedAt == null) {
					routedAt = at;
					lead = entry.department();
					tally.add(this, at, lead, null, Counter.REGISTERED);
				}
			}
			case TASK_CREATED -> offered(entry, tally);
			case SIGNED -> {
				boolean onTime = signDue == null || !at.isAfter(signDue);
				if (signedAt == null) {
					signForSeconds = seconds(routedAt == null ? registeredAt : routedAt, at);
					tally.add(this, at, lead, entry.actor(), Measure.SIGN_FOR, signForSeconds);
				}
				signedAt = at;
				signedBy = entry.actor();
				responded(at, entry.actor(), onTime, Counter.SIGNED, tally);
				if (onTime) {
					tally.add(this, at, lead, entry.actor(), Counter.SIGNED_ON_TIME);
				}
			}
			case RETURNED -> {
				returns++;
				responded(at, entry.actor(), signDue == null || !at.isAfter(signDue), Counter.RETURNED, tally);
			}
			case REDISPATCHED -> tally.add(this, at, lead, null, Counter.REDISPATCHED);
			case HANDLED -> {
				handledAt = at;
				handledBy = entry.actor();
				handledOnTime = handleDue == null || !at.isAfter(handleDue);
				handleSeconds = signedAt == null ? null : seconds(signedAt, at);
				settle();
				tally.add(this, at, lead, entry.actor(), Counter.HANDLED);
			}
			case REWORK -> {
				reworks++;
				tally.add(this, at, lead, null, Counter.REWORKED);
			}
			case WARNING -> tally.add(this, at, lead, null, Counter.WARNED);
			case URGE -> tally.add(this, at, lead, null, Counter.URGED);
			case SUPERVISED -> tally.add(this, at, lead, null, Counter.SUPERVISED);
			case EXTENDED, RELIMITED -> {
				if (entry.kind() == Timeline.Kind.EXTENDED) {
					tally.add(this, at, lead, null, Counter.EXTENDED);
				}
				if (entry.due() != null && Stages.HANDLE.equals(entry.stage())) {
					handleDue = entry.due();
				}
				else if (entry.due() != null && Stages.SIGN_FOR.equals(entry.stage())) {
					signDue = entry.due();
				}
				if (entry.due() != null && entry.stage() != null && entry.stage().equals(openStage)) {
					openDue = entry.due();
				}
			}
			case VISITED, CITIZEN_EVALUATED -> {
				satisfaction = entry.satisfaction();
				resolved = entry.resolved();
			}
			case CLOSED -> closed(entry, tally);
			default -> {
				// UNCOUNTED: registered (the fact's creation), claims, co-handling, reviews, repeats, extension requests
			}
		}
	}

	/** A task offered: a sign-for sets the lead (first routing or re-dispatch) and its limit; a handling task its limit. */
	private void offered(Timeline.Entry entry, Tally tally) {
		if (Stages.SIGN_FOR.equals(entry.stage())) {
			lead = entry.department();
			signDue = entry.due();
			openStage = Stages.SIGN_FOR;
			openDue = entry.due();
			tally.add(this, entry.at(), lead, null, Counter.RECEIVED);
		}
		else if (Stages.HANDLE.equals(entry.stage())) {
			handleDue = entry.due();
			openStage = Stages.HANDLE;
			openDue = entry.due();
		}
	}

	private void responded(Instant at, String cadre, boolean onTime, Counter outcome, Tally tally) {
		settle();
		tally.add(this, at, lead, cadre, Counter.RESPONDED);
		tally.add(this, at, lead, cadre, outcome);
		if (onTime) {
			tally.add(this, at, lead, cadre, Counter.RESPONDED_ON_TIME);
		}
	}

	private void closed(Timeline.Entry entry, Tally tally) {
		Instant at = entry.at();
		closedAt = at;
		if (entry.satisfaction() != null) {
			satisfaction = entry.satisfaction();
		}
		loopSeconds = seconds(registeredAt, at);
		settle();
		tally.add(this, at, lead, null, Counter.CLOSED);
		tally.add(this, at, lead, null, Measure.LOOP, loopSeconds);
		if (handleSeconds != null) {
			tally.add(this, at, lead, handledBy, Measure.HANDLING, handleSeconds);
		}
		if (Boolean.TRUE.equals(handledOnTime)) {
			tally.add(this, at, lead, null, Counter.CLOSED_ON_TIME);
		}
		if (reworks > 0) {
			tally.add(this, at, lead, null, Counter.CLOSED_REWORKED);
		}
		if (satisfaction != null) {
			tally.add(this, at, lead, null, Counter.JUDGED);
			if (Boolean.TRUE.equals(resolved)) {
				tally.add(this, at, lead, null, Counter.RESOLVED);
			}
			if (satisfaction.equals("satisfied")) {
				tally.add(this, at, lead, null, Counter.SATISFIED);
			}
			else if (satisfaction.equals("basically-satisfied")) {
				tally.add(this, at, lead, null, Counter.BASICALLY_SATISFIED);
			}
		}
	}

	/** Everything a step can change, to tell whether it changed anything. */
	java.util.List<Object> state() {
		return java.util.Arrays.asList(lead, routedAt, signDue, signedAt, signedBy, handleDue, handledAt, handledBy, handledOnTime,
				openStage, openDue, returns, reworks, satisfaction, resolved, closedAt, signForSeconds, handleSeconds, loopSeconds);
	}

	/** Nobody owes a limited step until the next task is offered. */
	private void settle() {
		openStage = null;
		openDue = null;
	}

	private static long seconds(Instant from, Instant to) {
		return Math.max(0, Duration.between(from, to).toSeconds());
	}

}
