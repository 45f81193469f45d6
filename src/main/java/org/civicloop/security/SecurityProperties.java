package org.civicloop.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what comes in.
 *
 * @param maxRequestSize largest request body anyone may send (deployments included)
 * @param publicBurst requests one address may make at once to the public endpoints
 * @param publicPerMinute requests per minute one address may make to them, sustained
 * @param loginFailuresPerAddress failed logins one address may make in a window, whatever the accounts
 * @param loginFailuresPerAccount failed logins one address may make on one account in a window
 * @param loginWindow the window failed logins are counted in, and refused for once past a limit
 * @param failedLoginTime how long every failed login takes, so that its answer tells nothing by its timing
 * @param passwordCodeValidity how long a one-time code for setting a password is valid
 */
@ConfigurationProperties("civicloop.security")
public record SecurityProperties(@DefaultValue("4MB") DataSize maxRequestSize,
		@DefaultValue("30") int publicBurst,
		@DefaultValue("60") int publicPerMinute,
		@DefaultValue("20") int loginFailuresPerAddress,
		@DefaultValue("5") int loginFailuresPerAccount,
		@DefaultValue("PT10M") java.time.Duration loginWindow,
		@DefaultValue("PT0.25S") java.time.Duration failedLoginTime,
		@DefaultValue("P3D") java.time.Duration passwordCodeValidity) {
}
