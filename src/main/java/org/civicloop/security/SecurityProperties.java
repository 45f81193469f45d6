package org.civicloop.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what comes in.
 *
 * @param maxRequestSize largest request body anyone may send (deployments included)
 * @param maxResourceSize largest single model or form in a deployment
 */
@ConfigurationProperties("civicloop.security")
public record SecurityProperties(@DefaultValue("4MB") DataSize maxRequestSize,
		@DefaultValue("2MB") DataSize maxResourceSize) {
}
