package org.civicloop.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Spring Security's side of the one account store: checks passwords against the engine's identity
 * (with its login-attempt throttling) and gives each group as an authority {@code GROUP_<id>}.
 */
@Component
class EngineIdentityAuthentication implements AuthenticationProvider {

	private final IdentityService identity;

	EngineIdentityAuthentication(IdentityService identity) {
		this.identity = identity;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = authentication.getName();
		Object password = authentication.getCredentials();
		if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
			throw new BadCredentialsException("Bad credentials");
		}
		List<SimpleGrantedAuthority> authorities = groupsOf(identity, user).stream()
			.map(group -> new SimpleGrantedAuthority("GROUP_" + group)).toList();
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	static List<String> groupsOf(IdentityService identity, String user) {
		return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
	}

	static List<String> tenantsOf(IdentityService identity, String user) {
		return identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
			.map(Tenant::getId).toList();
	}

}
