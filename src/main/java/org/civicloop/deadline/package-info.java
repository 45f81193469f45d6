/** Due dates of sign-for and handling, and the warning (黄灯) and urge (红灯) timers that watch them and mark their tasks; extensions that move them. */
@ApplicationModule(allowedDependencies = { "calendar", "matter", "matter :: events", "matter :: model", "organization", "system" })
package org.civicloop.deadline;

import org.springframework.modulith.ApplicationModule;
