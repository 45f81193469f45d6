/**
 * Assessment (考核): the figures of each department, unit, category and cadre for a period — timeliness, returns,
 * rework and the three rates from return visits and citizens' evaluations — kept as a read model by listening to
 * the matter events in the step's own transaction, and rebuilt from CivicLoop's records when a definition changes.
 */
@ApplicationModule(allowedDependencies = { "matter", "matter :: events", "matter :: timeline", "matter :: model", "organization",
		"security", "system" })
package org.civicloop.assessment;

import org.springframework.modulith.ApplicationModule;
