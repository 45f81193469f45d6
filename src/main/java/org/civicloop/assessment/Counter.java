package org.civicloop.assessment;

/**
 * What the per-day roll-ups count, each a column of {@code kpi_day}. A step adds to the row of its day, the
 * department responsible for the matter then, the matter's unit and category, and the cadre who acted (if any).
 */
enum Counter {

	/** A matter routed for the first time: it entered the loop (counted once per matter). */
	REGISTERED,
	/** A matter offered to a department for sign-for: first routing or re-dispatch. */
	RECEIVED,
	/** A sign-for stage answered: signed for or returned. */
	RESPONDED,
	/** ... no later than the sign-for limit. */
	RESPONDED_ON_TIME,
	SIGNED,
	/** Signed for no later than the sign-for limit. */
	SIGNED_ON_TIME,
	RETURNED,
	/** Taken from the department by the dispatch centre after its return. */
	REDISPATCHED,
	/** A handling report (办结报告) sent. */
	HANDLED,
	CLOSED,
	/** Closed, its last handling report no later than its handling limit (approved extensions and new limits included). */
	CLOSED_ON_TIME,
	/** Closed after at least one rework round. */
	CLOSED_REWORKED,
	/** Closed with a satisfaction from the return visit or the citizen's evaluation. */
	JUDGED,
	/** ... judged resolved. */
	RESOLVED,
	SATISFIED,
	BASICALLY_SATISFIED,
	WARNED,
	URGED,
	SUPERVISED,
	EXTENDED,
	/** A rework round started (the citizen was not satisfied). */
	REWORKED;

	String column() {
		return name().toLowerCase();
	}

}
