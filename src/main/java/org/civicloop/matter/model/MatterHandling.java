package org.civicloop.matter.model;



/** Ids of the {@code matter-handling} process: its key, message, elements and variables. */
public final class MatterHandling {

	public static final String PROCESS_KEY = "matter-handling";

	public static final String MESSAGE_CITIZEN_EVALUATION = "CitizenEvaluation";

	/** The handler asks for more time: the dispatch centre approves or refuses it while handling goes on. */
	public static final String MESSAGE_EXTENSION_REQUESTED = "ExtensionRequested";

	/** The extension property that names the closed-loop stage of a user task. */
	public static final String STAGE_PROPERTY = "civicloop.stage";

	private MatterHandling() {
	}

	/** The tables a matter evaluates, by decision key. */
	public static final class Decisions {

		public static final String ROUTE_MATTER = "route-matter";

		public static final String TIME_LIMITS = "time-limits";

		public static final java.util.List<String> ALL = java.util.List.of(ROUTE_MATTER, TIME_LIMITS);

		private Decisions() {
		}

	}

	/**
	 * The outputs of {@code time-limits}: for each limited stage an amount {@code <stage>Limit} and its unit
	 * {@code <stage>Unit} ({@code NATURAL_HOURS}, {@code NATURAL_DAYS}, {@code WORKING_HOURS}, {@code WORKING_DAYS}).
	 */
	public static final class Limits {

		public static final String SIGN_FOR = "signFor";

		public static final String HANDLE = "handle";

		public static final java.util.List<String> STAGES = java.util.List.of(SIGN_FOR, HANDLE);

		private Limits() {
		}

		public static String amount(String stage) {
			return stage + "Limit";
		}

		public static String unit(String stage) {
			return stage + "Unit";
		}

	}

	/**
	 * Where a matter stands: the stages of the loop as user tasks name them in their {@code civicloop.stage}
	 * property, and the steps between them the record and timeline name.
	 */
	public static final class Stages {

		public static final String REGISTERED = "registered";

		public static final String ROUTED = "routed";

		public static final String REWORK = "rework";

		public static final String CLOSED = "closed";

		public static final String SIGN_FOR = "sign-for";

		public static final String REDISPATCH = "redispatch";

		public static final String HANDLE = "handle";

		public static final String CO_HANDLE = "co-handle";

		public static final String REVIEW = "review";

		public static final String RETURN_VISIT = "return-visit";

		/** The dispatch centre's decision on a handler's request for more time (延期). */
		public static final String EXTENSION = "extension";

		/** The upper level's supervision (督办) of a matter still overdue after the grace. */
		public static final String SUPERVISION = "supervision";

		/** Decisions taken beside the loop: their tasks do not move the matter from the stage it is in. */
		public static final java.util.Set<String> BESIDE_THE_LOOP = java.util.Set.of(EXTENSION, SUPERVISION);

		private Stages() {
		}

	}

	/** The fields of the start form: what a cadre registering a matter in Tasklist enters. */
	public static final java.util.Set<String> START_INPUTS = java.util.Set.of(Vars.CHANNEL, Vars.MATTER_TYPE, Vars.CATEGORY,
			Vars.URGENCY, Vars.DESCRIPTION, Vars.UNIT, Vars.ADDRESS, Vars.GRID_CODE, Vars.REPORTER_NAME, Vars.REPORTER_PHONE);

	/** What the cadre of each stage enters (the input fields of its form): all a completion of its task may set. */
	public static final java.util.Map<String, java.util.Set<String>> STAGE_INPUTS = java.util.Map.of(
			Stages.SIGN_FOR, java.util.Set.of(Vars.SIGN_FOR_DECISION, Vars.RETURN_REASON, Vars.RETURN_NOTE),
			Stages.REDISPATCH, java.util.Set.of(Vars.LEAD_DEPARTMENT, Vars.REDISPATCH_NOTE),
			Stages.HANDLE, java.util.Set.of(Vars.HANDLING_RESULT, Vars.HANDLING_REPLY),
			Stages.CO_HANDLE, java.util.Set.of(Vars.CO_HANDLING_REPLY),
			Stages.REVIEW, java.util.Set.of(Vars.REVIEW_DECISION, Vars.REVIEW_NOTE),
			Stages.RETURN_VISIT, java.util.Set.of(Vars.SATISFACTION, Vars.RESOLVED, Vars.VISIT_NOTE),
			Stages.EXTENSION, java.util.Set.of(Vars.EXTENSION_DECISION, Vars.EXTENSION_DAYS, Vars.EXTENSION_NOTE),
			Stages.SUPERVISION, java.util.Set.of(Vars.SUPERVISION_DECISION, Vars.SUPERVISION_DAYS, Vars.SUPERVISION_NOTE));

	/** Element ids of the user tasks. */
	public static final class Tasks {

		public static final String SIGN_FOR = "task_signFor";

		public static final String REDISPATCH = "task_redispatch";

		public static final String HANDLE = "task_handle";

		public static final String CO_HANDLE = "task_coHandle";

		public static final String REVIEW = "task_review";

		public static final String RETURN_VISIT = "task_returnVisit";

		public static final String APPROVE_EXTENSION = "task_approveExtension";

		public static final String SUPERVISE = "task_supervise";

		/** 督办 of a matter nobody has signed for. */
		public static final String SUPERVISE_SIGN_FOR = "task_superviseSignFor";

		private Tasks() {
		}

	}

	/** Process variables. Reporter contact is not among them: it lives in the matter record only. */
	public static final class Vars {

		public static final String MATTER_ID = "matterId";

		public static final String TRACKING_NO = "trackingNo";

		public static final String CHANNEL = "channel";

		public static final String MATTER_TYPE = "matterType";

		public static final String CATEGORY = "category";

		public static final String CATEGORY_NAME = "categoryName";

		public static final String URGENCY = "urgency";

		public static final String URGENCY_NAME = "urgencyName";

		public static final String DESCRIPTION = "description";

		public static final String UNIT = "unit";

		public static final String UNIT_NAME = "unitName";

		public static final String UNIT_LEVEL = "unitLevel";

		public static final String TOWN = "town";

		public static final String ADDRESS = "address";

		public static final String GRID_CODE = "gridCode";

		public static final String REPORTER_NAME = "reporterName";

		public static final String REPORTER_PHONE = "reporterPhone";

		public static final String REPORTER_MASKED = "reporterMasked";

		public static final String REGISTERED_BY = "registeredBy";

		public static final String ROUTING_DECISION = "routingDecision";

		public static final String LEAD_DEPARTMENT = "leadDepartment";

		public static final String LEAD_DEPARTMENT_NAME = "leadDepartmentName";

		public static final String CO_DEPARTMENTS = "coDepartments";

		public static final String CO_DEPARTMENT = "coDepartment";

		public static final String TIME_LIMITS = "timeLimits";

		public static final String SIGN_FOR_DUE = "signForDue";

		public static final String SIGN_FOR_WARN_AT = "signForWarnAt";

		public static final String SIGN_FOR_DUE_TEXT = "signForDueText";

		/** When a matter nobody has signed for is supervised (督办): the grace after its sign-for due date. */
		public static final String SIGN_FOR_SUPERVISE_AT = "signForSuperviseAt";

		public static final String HANDLE_DUE = "handleDue";

		public static final String HANDLE_WARN_AT = "handleWarnAt";

		public static final String HANDLE_DUE_TEXT = "handleDueText";

		/** When a matter still in handling is supervised (督办): the grace after its handling due date. */
		public static final String HANDLE_SUPERVISE_AT = "handleSuperviseAt";

		/** The group that supervises this matter: the town office for a village, else the county's supervision office. */
		public static final String SUPERVISOR = "supervisor";

		/** urge (再次催办), new-limit (重新限时) or escalate (提级督办). */
		public static final String SUPERVISION_DECISION = "supervisionDecision";

		/** Working days of a new limit the supervisor sets, counted from the decision. */
		public static final String SUPERVISION_DAYS = "supervisionDays";

		public static final String SUPERVISION_NOTE = "supervisionNote";

		public static final String SIGN_FOR_DECISION = "signForDecision";

		public static final String RETURN_REASON = "returnReason";

		public static final String RETURN_NOTE = "returnNote";

		public static final String REDISPATCH_NOTE = "redispatchNote";

		public static final String SIGNED_BY = "signedBy";

		public static final String HANDLING_RESULT = "handlingResult";

		public static final String HANDLING_RESULT_NAME = "handlingResultName";

		public static final String HANDLING_REPLY = "handlingReply";

		public static final String CO_HANDLING_REPLY = "coHandlingReply";

		public static final String REVIEW_DECISION = "reviewDecision";

		public static final String REVIEW_NOTE = "reviewNote";

		public static final String SATISFACTION = "satisfaction";

		public static final String RESOLVED = "resolved";

		public static final String VISIT_NOTE = "visitNote";

		/** Working days the handler asked for; {@link #EXTENSION_DAYS} is what the dispatch centre grants. */
		public static final String EXTENSION_DAYS_REQUESTED = "extensionDaysRequested";

		public static final String EXTENSION_REASON = "extensionReason";

		public static final String EXTENSION_DECISION = "extensionDecision";

		public static final String EXTENSION_DAYS = "extensionDays";

		public static final String EXTENSION_NOTE = "extensionNote";

		public static final String REWORK_COUNT = "reworkCount";

		public static final String MAX_REWORK = "maxRework";

		/** Returns, send-backs and reworks so far, one line each, shown read-only in the forms. */
		public static final String MATTER_HISTORY = "matterHistory";

		/** On a sign-for or handling task (local): the most similar earlier cases, one line each, shown read-only. */
		public static final String SIMILAR_CASES = "similarCases";

		/** The version and tenant of each table a matter evaluates: its unit's, inherited or the county's. */
		public static final String ROUTE_MATTER_VERSION = "routeMatterVersion";

		public static final String ROUTE_MATTER_TENANT = "routeMatterTenant";

		public static final String TIME_LIMITS_VERSION = "timeLimitsVersion";

		public static final String TIME_LIMITS_TENANT = "timeLimitsTenant";

		private Vars() {
		}

	}

}
