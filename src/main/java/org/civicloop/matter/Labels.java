package org.civicloop.matter;

import java.util.Map;

/**
 * The Chinese words the timeline, the forms' read-only fields and the public views show for the codes a
 * matter carries — written once, here.
 */
public final class Labels {

	private static final Map<String, String> SATISFACTION = Map.of("satisfied", "满意", "basically-satisfied", "基本满意",
			"unsatisfied", "不满意");

	private static final Map<String, String> HANDLING_RESULT = Map.of("resolved", "已解决", "explained", "已解释说明",
			"not-resolvable", "暂不具备解决条件");

	private static final Map<String, String> STAGE = Map.ofEntries(Map.entry("registered", "已受理"), Map.entry("routed", "已派单"),
			Map.entry("sign-for", "待签收"), Map.entry("redispatch", "改派中"), Map.entry("handle", "办理中"),
			Map.entry("co-handle", "协办中"), Map.entry("review", "审核中"), Map.entry("return-visit", "回访中"),
			Map.entry("rework", "重办中"), Map.entry("closed", "已办结"));

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

	public static String resolved(boolean resolved) {
		return resolved ? "已解决" : "未解决";
	}

}
