package org.civicloop.matter;

import java.util.Map;

import org.civicloop.matter.model.MatterHandling.Stages;

/**
 * The Chinese words the timeline, the forms' read-only fields and the public views show for the codes a
 * matter carries — written once, here.
 */
public final class Labels {

	private static final Map<String, String> SATISFACTION = Map.of("satisfied", "满意", "basically-satisfied", "基本满意",
			"unsatisfied", "不满意");

	private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final Map<String, String> HANDLING_RESULT = Map.of("resolved", "已解决", "explained", "已解释说明",
			"not-resolvable", "暂不具备解决条件");

	private static final Map<String, String> STAGE = Map.ofEntries(Map.entry(Stages.REGISTERED, "已受理"),
			Map.entry(Stages.ROUTED, "已派单"), Map.entry(Stages.SIGN_FOR, "待签收"), Map.entry(Stages.REDISPATCH, "改派中"),
			Map.entry(Stages.HANDLE, "办理中"), Map.entry(Stages.CO_HANDLE, "协办中"), Map.entry(Stages.REVIEW, "审核中"),
			Map.entry(Stages.RETURN_VISIT, "回访中"), Map.entry(Stages.REWORK, "重办中"), Map.entry(Stages.EXTENSION, "延期审批中"), Map.entry(Stages.SUPERVISION, "督办中"), Map.entry(Stages.CLOSED, "已办结"));

	private Labels() {
	}

	/** 满意, 基本满意, 不满意; 未评价 when there is no rating. */
	public static String satisfaction(String code) {
		return SATISFACTION.getOrDefault(code == null ? "" : code, "未评价");
	}

	/** What the handling came to: 已解决, 已解释说明, 暂不具备解决条件; 未填写 when nothing was chosen. */
	public static String handlingResult(String code) {
		return HANDLING_RESULT.getOrDefault(code == null ? "" : code, "未填写");
	}

	/** Where a matter stands, as the public reads it; the code itself for a unit's own step. */
	public static String stage(String code) {
		return STAGE.getOrDefault(code, code);
	}

	/** A moment as forms and the timeline show it: {@code 2026-11-30 09:00} in the organisation's zone. */
	public static String time(java.time.Instant instant, java.time.ZoneId zone) {
		return TIME.format(instant.atZone(zone));
	}

	public static String resolved(boolean resolved) {
		return resolved ? "已解决" : "未解决";
	}

}
