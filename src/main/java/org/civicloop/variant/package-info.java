/** Process variants of grassroots units: guardrails every deployment passes, inheritance village → town → county, activation, diff and migration. */
@ApplicationModule(allowedDependencies = { "calendar", "matter", "matter :: model", "organization", "security", "system" })
package org.civicloop.variant;

import org.springframework.modulith.ApplicationModule;
