package org.civicloop.organization;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

import org.springframework.stereotype.Component;

/**
 * Who is in a department and how to reach them, from the engine's identity (where administrators keep the
 * accounts of a real installation) and the directory (who heads a department).
 */
@Component
public class People {

	private final IdentityService identity;

	private final Directory directory;

	People(IdentityService identity, Directory directory) {
		this.identity = identity;
		this.directory = directory;
	}

	/** The accounts of a group, in id order. */
	public List<String> members(String group) {
		return identity.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream().map(User::getId).toList();
	}

	/** An account's e-mail address, if it has one. */
	public Optional<String> email(String account) {
		User user = identity.createUserQuery().userId(account).singleResult();
		return Optional.ofNullable(user).map(User::getEmail).filter(email -> !email.isBlank());
	}

	/** The head of a department or office, if the directory names one. */
	public Optional<String> head(String group) {
		return directory.head(group);
	}

	/** The name of a department or office as people read it. */
	public String name(String group) {
		return directory.officeName(group);
	}

}
