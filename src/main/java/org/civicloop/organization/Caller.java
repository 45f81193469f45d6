package org.civicloop.organization;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who calls the API: the account and its groups, as Spring Security authenticated them. */
public record Caller(String user, Set<String> groups) {

	public static Caller of(Authentication authentication) {
		return new Caller(authentication.getName(), authentication.getAuthorities().stream()
			.map(GrantedAuthority::getAuthority).filter(authority -> authority.startsWith("GROUP_"))
			.map(authority -> authority.substring(6)).collect(Collectors.toUnmodifiableSet()));
	}

	public boolean inAny(String... candidates) {
		for (String candidate : candidates) {
			if (groups.contains(candidate)) {
				return true;
			}
		}
		return false;
	}

	/** The county-wide roles that see every matter. */
	public boolean seesAllMatters() {
		return inAny(Roles.ADMIN, Roles.DISPATCH_CENTRE, Roles.LEADERS);
	}

	/** Who registers matters: intake systems, the dispatch centre, administrators. */
	public boolean mayRegister() {
		return inAny(Roles.ADMIN, Roles.DISPATCH_CENTRE, Roles.INTAKE_SYSTEMS);
	}

}
