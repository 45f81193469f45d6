package org.civicloop.notification;

import org.civicloop.knowledge.HotspotRaised;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the town office and the lead department of a hotspot warning (预警): an inbox entry and the outside
 * channels, once per warning and recipient, in the transaction that raised it. The message names the place,
 * the category and the counts, no matter's details.
 */
@Component
class HotspotNotices {

	private final GroupNotices notices;

	HotspotNotices(GroupNotices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(HotspotRaised hotspot) {
		String title = "【预警】" + hotspot.unitName() + " 网格 " + hotspot.grid() + " " + hotspot.categoryName() + "诉求集中";
		String body = "近 " + hotspot.windowDays() + " 天网格 " + hotspot.grid() + "（" + hotspot.unitName() + "）受理"
				+ hotspot.categoryName() + "诉求 " + hotspot.matters() + " 件，此前同期平均 " + String.format("%.1f", hotspot.baseline())
				+ " 件。请核实并处置，处置后在 " + hotspot.path() + " 确认或办结预警。";
		notices.tell(hotspot.audience(), "hotspot:" + hotspot.id(), "hotspot", "hotspot", title, body);
	}

}
