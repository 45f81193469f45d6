package org.civicloop.notification;

import java.util.ArrayList;
import java.util.List;

import org.civicloop.organization.People;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** The outside channels a notification to an account goes out on, besides its inbox. */
@Component
class Channels {

	private final People people;

	private final NotificationProperties properties;

	private final ObjectProvider<JavaMailSender> mail;

	Channels(People people, NotificationProperties properties, ObjectProvider<JavaMailSender> mail) {
		this.people = people;
		this.properties = properties;
		this.mail = mail;
	}

	/** E-mail when it is on and the account has an address, and every webhook. */
	List<String> of(String recipient) {
		var channels = new ArrayList<String>();
		if (mail.getIfAvailable() != null && people.email(recipient).isPresent()) {
			channels.add(NotificationSender.EMAIL);
		}
		properties.webhooks().forEach(webhook -> channels.add(webhook.channel()));
		return channels;
	}

}
