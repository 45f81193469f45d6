package org.civicloop.security;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.civicloop.organization.OrganizationProperties;

import org.springframework.stereotype.Component;

/**
 * How the engine checks passwords, for every entrance (engine REST, the webapps' login, CivicLoop's API):
 * <ul>
 * <li>an account without a password (made from the directory outside the demo) fails the check like a wrong
 * password, instead of failing inside the engine;
 * <li>wrong passwords never lock the account, for good or for a while: anybody could otherwise keep any
 * account locked by guessing. Failures are throttled per address and per address and account instead
 * ({@link LoginThrottle}), so a stranger locks out only themselves;
 * <li>outside the demo, Camunda's password policy is on: at least 10 characters with upper and lower case,
 * a digit and a special character, not the account's own id or name.
 * </ul>
 */
@Component
class PasswordChecks extends AbstractProcessEnginePlugin {

	private final OrganizationProperties organization;

	PasswordChecks(OrganizationProperties organization) {
		this.organization = organization;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		var digest = new Sha512HashDigest();
		configuration.setPasswordEncryptor(digest);
		configuration.setPasswordManager(new NoPasswordFails(digest));
		configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
		configuration.setLoginDelayMaxTime(0);
		configuration.setEnablePasswordPolicy(!organization.demo());
	}

	/** A stored password that is missing fails the check, after the same work a real check does. */
	static final class NoPasswordFails extends PasswordManager {

		private static final String SOME_HASH = new Sha512HashDigest().encrypt("no password is set for this account");

		NoPasswordFails(Sha512HashDigest digest) {
			super(digest, List.of());
		}

		@Override
		public boolean check(String password, String encrypted) {
			if (encrypted == null || encrypted.isEmpty()) {
				super.check(password == null ? "" : password, "{SHA-512}" + SOME_HASH);
				return false;
			}
			return super.check(password, encrypted);
		}

	}

}
