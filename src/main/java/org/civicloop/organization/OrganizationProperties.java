package org.civicloop.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Where the organisation directory is and how its accounts start out.
 *
 * @param directory the YAML directory to load into the engine's identity
 * @param initialPassword password given to accounts the loader creates; empty creates them without one
 *     (an administrator sets it in Camunda Admin). The demo setup uses {@code demo}.
 */
@ConfigurationProperties("civicloop.organization")
public record OrganizationProperties(@DefaultValue("classpath:organization/demo-directory.yaml") Resource directory,
		@DefaultValue("") String initialPassword) {
}
