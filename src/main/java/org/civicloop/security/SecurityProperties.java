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
 */
@ConfigurationProperties("civicloop.security")
public record SecurityProperties(@DefaultValue("4MB") DataSize maxRequestSize,
		@DefaultValue("30") int publicBurst,
		@DefaultValue("60") int publicPerMinute) {
}
