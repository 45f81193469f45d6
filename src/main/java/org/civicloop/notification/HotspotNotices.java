package org.civicloop.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;

import org.civicloop.knowledge.HotspotRaised;
import org.civicloop.organization.People;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the town office and the lead department of a hotspot warning (预警): an inbox entry and the outside
 * channels, once per warning and recipient, in the transaction that raised it. The message names the place,
 * the category and the counts, no matter's details.
 */
@Component
class HotspotNotices {

	private final Notifications notifications;

	private final People people;

	private final Channels channels;

	private final Clock clock;

	HotspotNotices(Notifications notifications, People people, Channels channels, Clock clock) {
		this.notifications = notifications;
		this.people = people;
		this.channels = channels;
		this.clock = clock;
	}

	@EventListener
	void on(HotspotRaised hotspot) {
		var recipients = new LinkedHashSet<String>();
		hotspot.audience().forEach(group -> recipients.addAll(people.members(group)));
		String title = "【预警】" + hotspot.unitName() + " 网格 " + hotspot.grid() + " " + hotspot.categoryName() + "诉求集中";
		String body = "近 " + hotspot.windowDays() + " 天网格 " + hotspot.grid() + "（" + hotspot.unitName() + "）受理"
				+ hotspot.categoryName() + "诉求 " + hotspot.matters() + " 件，此前同期平均 " + String.format("%.1f", hotspot.baseline())
				+ " 件。请核实并处置，处置后在 " + hotspot.path() + " 确认或办结预警。";
		for (String recipient : recipients) {
			notifications.add(new Notifications.Notice("hotspot:" + hotspot.id() + ":" + recipient, recipient, null, null, "hotspot",
					"hotspot", null, title, body), channels.of(recipient), clock.instant(), Instant.now());
		}
	}

}
