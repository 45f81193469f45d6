package org.civicloop.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Where the organisation directory is and whether this is the demo.
 *
 * @param directory the YAML directory to load into the engine's identity
 * @param demo the demo setup: every account the loader creates gets the password {@link #DEMO_PASSWORD} and
 *     the directory's administrators are made; outside the demo accounts start without a password (set by an
 *     administrator or by the cadre with a one-time code), the first administrator comes from the setup page,
 *     and Camunda's password policy is on
 */
@ConfigurationProperties("civicloop.organization")
public record OrganizationProperties(@DefaultValue("classpath:organization/demo-directory.yaml") Resource directory,
		@DefaultValue("false") boolean demo) {

	/** The password of every demo account, in the demo setup only. */
	public static final String DEMO_PASSWORD = "demo";

}
