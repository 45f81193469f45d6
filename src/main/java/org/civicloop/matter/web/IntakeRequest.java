package org.civicloop.matter.web;

import java.util.List;

import org.civicloop.matter.Contact;
import org.civicloop.matter.NewMatter;

/**
 * A matter as a county system reports it over {@code POST /api/matters}.
 *
 * @param operator for walk-in registrations: the service-desk operator acting for the resident
 * @param attachments links to photos or documents kept elsewhere (at most 10)
 */
record IntakeRequest(String channel, String type, String category, String urgency, String description, String unit,
		Location location, Reporter reporter, String operator, List<String> attachments) {

	record Location(String address, Double latitude, Double longitude, String gridCode) {
	}

	record Reporter(String name, String phone) {
	}

	NewMatter toNewMatter() {
		Location at = location == null ? new Location(null, null, null, null) : location;
		Reporter by = reporter == null ? new Reporter(null, null) : reporter;
		return new NewMatter(channel, type, category, urgency, description, unit, at.address(), at.gridCode(),
				new Contact(by.name(), by.phone()), at.latitude(), at.longitude(), operator, attachments);
	}

}
