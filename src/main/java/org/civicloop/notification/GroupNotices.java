package org.civicloop.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

import org.civicloop.organization.People;

import org.springframework.stereotype.Component;

/**
 * A notice for the members of some groups (a report's audience, a hotspot's town office and lead department): an
 * inbox entry and the outside channels, once per key and recipient, in the caller's transaction.
 */
@Component
class GroupNotices {

	private final Notifications notifications;

	private final People people;

	private final Channels channels;

	private final Clock clock;

	GroupNotices(Notifications notifications, People people, Channels channels, Clock clock) {
		this.notifications = notifications;
		this.people = people;
		this.channels = channels;
		this.clock = clock;
	}

	/** @param key what makes the notice one, completed with each recipient */
	void tell(List<String> groups, String key, String kind, String stage, String title, String body) {
		var recipients = new LinkedHashSet<String>();
		groups.forEach(group -> recipients.addAll(people.members(group)));
		for (String recipient : recipients) {
			notifications.add(new Notifications.Notice(key + ":" + recipient, recipient, null, null, kind, stage, null, title, body),
					channels.of(recipient), clock.instant(), Instant.now());
		}
	}

}
