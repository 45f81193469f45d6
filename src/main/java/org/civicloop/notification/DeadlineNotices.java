package org.civicloop.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civicloop.matter.Labels;
import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.organization.People;
import org.civicloop.organization.Roles;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells people when a limit nears or passes. At the warning (黄灯): whoever holds the stage's task, or
 * every member of the department it is offered to while nobody has claimed it. At the deadline (催办/红灯):
 * the same, and the department's head. At a supervision (督办): the same, and for an escalation the county's
 * leaders. Each gets an inbox entry and, where configured, an e-mail and a
 * message to each webhook, written in the transaction of the timer that fired, once per matter, kind, stage,
 * deadline and recipient. Texts are Chinese and name the matter by tracking number only.
 */
@Component
class DeadlineNotices {

	private static final Map<String, String> STAGE = Map.of("sign-for", "签收", "handle", "办理");

	private static final Map<String, String> ACTION = Map.of("sign-for", "签收（或退单）", "handle", "办理并报结");

	private final Notifications notifications;

	private final People people;

	private final Channels channels;

	private final ZoneId zone;

	private final Clock clock;

	DeadlineNotices(Notifications notifications, People people, Channels channels, MatterProperties matters, Clock clock) {
		this.notifications = notifications;
		this.people = people;
		this.channels = channels;
		this.zone = matters.zone();
		this.clock = clock;
	}

	@EventListener
	void on(MatterEvent.Warned warned) {
		notify("warning", warned.matter(), warned.stage(), warned.department(), warned.due(), warned.assignee());
	}

	@EventListener
	void on(MatterEvent.Urged urged) {
		notify("urge", urged.matter(), urged.stage(), urged.department(), urged.due(), urged.assignee());
	}

	/**
	 * 督办: whoever handles the matter (or its department while nobody does, as at sign-for) and the department's head hear the
	 * supervisor's decision; an escalation also reaches the county's leaders. The supervisor's own words stay in
	 * Tasklist and the timeline: a message carries no free text.
	 */
	@EventListener
	void on(MatterEvent.Supervised supervised) {
		Set<String> recipients = holders(supervised.department(), supervised.handler());
		people.head(supervised.department()).ifPresent(recipients::add);
		if ("escalate".equals(supervised.decision())) {
			recipients.addAll(people.members(Roles.LEADERS));
		}
		String what = switch (supervised.decision()) {
			case "new-limit" -> "重新限时 " + supervised.days() + " 个工作日";
			case "escalate" -> "提级督办";
			default -> "再次催办";
		};
		var matter = supervised.matter();
		String title = "【督办】" + matter.trackingNo() + " " + what;
		String body = "工单 " + matter.trackingNo() + "（" + people.name(supervised.department()) + "）"
				+ STAGE.getOrDefault(supervised.stage(), "办理") + "已超期，" + people.name(supervised.supervisor()) + "督办：" + what
				+ "。督办意见请在任务列表（Tasklist）中查看。";
		send("supervision", matter, supervised.stage(), supervised.at(), supervised.decision() + ":" + supervised.at().toEpochMilli(),
				recipients, title, body);
	}

	private void notify(String kind, MatterEvent.Ref matter, String stage, String department, Instant due, String assignee) {
		Set<String> recipients = holders(department, assignee);
		if (kind.equals("urge")) {
			people.head(department).ifPresent(recipients::add);
		}
		String stageName = STAGE.getOrDefault(stage, stage);
		String limit = stageName + "时限 " + Labels.time(due, zone);
		boolean urge = kind.equals("urge");
		String title = (urge ? "【已超期·催办】" : "【即将超期】") + matter.trackingNo() + " " + limit;
		String body = "工单 " + matter.trackingNo() + "（" + people.name(department) + "）" + limit + (urge ? " 已过，请立即" : " 即将到期，请尽快")
				+ ACTION.getOrDefault(stage, "办理") + "。详情请在任务列表（Tasklist）中查看。";
		send(kind, matter, stage, due, String.valueOf(due.getEpochSecond()), recipients, title, body);
	}

	/** Whoever holds the task, or every member of the department while nobody does. */
	private Set<String> holders(String department, String holder) {
		return new LinkedHashSet<>(holder != null ? List.of(holder) : people.members(department));
	}

	/** One notification per recipient, keyed by matter, kind, stage, {@code moment} and recipient. */
	private void send(String kind, MatterEvent.Ref matter, String stage, Instant due, String moment, Set<String> recipients, String title,
			String body) {
		for (String recipient : recipients) {
			String key = matter.id() + ":" + kind + ":" + stage + ":" + moment + ":" + recipient;
			notifications.add(new Notifications.Notice(key, recipient, matter.id(), matter.trackingNo(), kind, stage, due, title, body),
					channels.of(recipient), clock.instant(), Instant.now());
		}
	}

}
