package org.civicloop.security;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Spring Security's side of the one account store, for {@code /api}: HTTP Basic checked by
 * {@link AccountCheck}, each group given as an authority {@code GROUP_<id>}.
 */
@Component
class EngineIdentityAuthentication implements AuthenticationProvider {

	private final AccountCheck accounts;

	EngineIdentityAuthentication(AccountCheck accounts) {
		this.accounts = accounts;
	}

	/** Too many failed logins from the caller's address; answered with 429 and Retry-After. */
	static final class ThrottledException extends AuthenticationException {

		final Duration retryAfter;

		ThrottledException(Duration retryAfter) {
			super("Too many failed logins from this address; try again later");
			this.retryAfter = retryAfter;
		}

	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
		Object password = authentication.getCredentials();
		try {
			return authenticated(accounts.password(authentication.getName(), password == null ? null : password.toString(), address));
		}
		catch (AccountCheck.Throttled throttled) {
			throw new ThrottledException(throttled.retryAfter);
		}
		catch (AccountCheck.Refused refused) {
			throw new BadCredentialsException(refused.getMessage());
		}
	}

	/** A caller {@link AccountCheck} has verified, as Spring Security's authentication. */
	static Authentication authenticated(AccountCheck.Login login) {
		var authenticated = authenticated(login.user(), login.groups());
		authenticated.setDetails(login);
		return authenticated;
	}

	/** An account with its groups, each an authority {@code GROUP_<id>}. */
	static UsernamePasswordAuthenticationToken authenticated(String user, java.util.List<String> groups) {
		var authorities = groups.stream().map(group -> new SimpleGrantedAuthority("GROUP_" + group)).toList();
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
