/** DMN routing of matters to a lead department and co-handling departments. */
@ApplicationModule(allowedDependencies = { "matter :: events", "matter :: model", "organization" })
package org.civicloop.routing;

import org.springframework.modulith.ApplicationModule;
