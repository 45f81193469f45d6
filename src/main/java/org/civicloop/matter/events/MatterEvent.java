package org.civicloop.matter.events;

import java.time.Instant;
import java.util.List;

/**
 * A fact in a matter's life, in the past tense. Each is published once, synchronously inside the engine's
 * transaction, by the one step that knows it; the timeline, the matter record, and whatever comes later
 * (notifications, the assessment figures, the case library) listen, and commit or roll back with that step.
 *
 * <p>Every event names its matter ({@link Ref}) and when it happened; the cadre is the account that acted
 * ({@code null} when the application or the citizen did), departments are group ids.
 */
public sealed interface MatterEvent {

	Ref matter();

	Instant at();

	/** Which matter: its record's id, tracking number and unit. */
	record Ref(long id, String trackingNo, String unit) {
	}

	/** 受理: the matter has its record and tracking number. */
	record Registered(Ref matter, Instant at, String channel, String category, String registeredBy) implements MatterEvent {
	}

	/** 派单: the routing table gave the lead department and the co-handling ones. */
	record Routed(Ref matter, Instant at, String leadDepartment, List<String> coDepartments) implements MatterEvent {
	}

	/** A task of the matter was offered to a group (or assigned to a cadre), with its due date if it has one. */
	record Offered(Ref matter, Instant at, String stage, String department, String assignee, String task, Instant due)
			implements MatterEvent {
	}

	/** A cadre took a task. */
	record Claimed(Ref matter, Instant at, String stage, String department, String cadre, String task) implements MatterEvent {
	}

	/** 签收: the lead department signed for the matter; the signer handles it. */
	record SignedFor(Ref matter, Instant at, String department, String cadre) implements MatterEvent {
	}

	/** 退单: the department it was sent to returned it, with a reason. */
	record Returned(Ref matter, Instant at, String department, String cadre, String reason, String note) implements MatterEvent {
	}

	/** 改派: the dispatch centre sent it to another lead department. */
	record Redispatched(Ref matter, Instant at, String cadre, String leadDepartment, String note) implements MatterEvent {
	}

	/** 办理: the lead department handled it and replied. */
	record Handled(Ref matter, Instant at, String department, String cadre, String result, String reply) implements MatterEvent {
	}

	/** 协办: a co-handling department gave its part. */
	record CoHandled(Ref matter, Instant at, String department, String cadre, String reply) implements MatterEvent {
	}

	/** 审核报结: the dispatch centre accepted the reply, or sent it back. */
	record Reviewed(Ref matter, Instant at, String cadre, boolean accepted, String note) implements MatterEvent {
	}

	/** 回访: the dispatch centre asked the citizen; satisfied, basically-satisfied or unsatisfied. */
	record Visited(Ref matter, Instant at, String department, String cadre, String satisfaction, boolean resolved, String note)
			implements MatterEvent {
	}

	/** The citizen rated the outcome themselves, with their evaluation token. */
	record Evaluated(Ref matter, Instant at, String satisfaction, boolean resolved, String comment) implements MatterEvent {
	}

	/** A step of a unit's own (an on-site verification, say) was done. */
	record StepDone(Ref matter, Instant at, String stage, String department, String cadre, String task) implements MatterEvent {
	}

	/** 重办: the citizen was unsatisfied; handling starts again, round {@code round}. */
	record ReworkStarted(Ref matter, Instant at, int round, String leadDepartment, String note) implements MatterEvent {
	}

	/** 办结归档: the matter is closed, with the citizen's final rating. */
	record Closed(Ref matter, Instant at, String leadDepartment, String satisfaction) implements MatterEvent {
	}

	/** A new report repeated this matter and was merged into it. */
	record Repeated(Ref matter, Instant at, String stage, String channel, String caller, String description) implements MatterEvent {
	}

	/** 申请延期: the handler asks the dispatch centre for more working days, with a reason. */
	record ExtensionRequested(Ref matter, Instant at, String department, String cadre, int days, String reason) implements MatterEvent {
	}

	/** The dispatch centre's answer to a request for more time: {@code days} granted, or refused. */
	record ExtensionDecided(Ref matter, Instant at, String cadre, boolean approved, int days, String note) implements MatterEvent {
	}

	/** 延期: a stage's limit moved to {@code due}; its warning and urge now fire by the new limit. */
	record Extended(Ref matter, Instant at, String stage, String department, int days, Instant due) implements MatterEvent {
	}

	/**
	 * 督办: the upper level ({@code supervisor}) decided on a matter still overdue at {@code stage} (sign-for or
	 * handling) — {@code urge} again, set a {@code new-limit} of {@code days} working days, or {@code escalate} to
	 * the county's leaders.
	 */
	record Supervised(Ref matter, Instant at, String cadre, String supervisor, String department, String handler,
			String decision, int days, String note, String stage) implements MatterEvent {
	}

	/** A supervisor set a new handling limit: due at {@code due}, {@code days} working days from the decision. */
	record Relimited(Ref matter, Instant at, String stage, String department, int days, Instant due) implements MatterEvent {
	}

	/** 黄灯: most of a step's time limit has passed; {@code assignee} holds the step's task, if anyone claimed it. */
	record Warned(Ref matter, Instant at, String stage, String department, Instant due, String assignee) implements MatterEvent {
	}

	/** 红灯 / 催办: a step's time limit has passed; {@code assignee} holds the step's task, if anyone claimed it. */
	record Urged(Ref matter, Instant at, String stage, String department, Instant due, String assignee) implements MatterEvent {
	}

}
