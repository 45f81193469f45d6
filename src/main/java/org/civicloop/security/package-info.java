/** Authentication for every entrance from the engine's identity, grants from the directory, deployment and input guards, audit. */
@ApplicationModule(allowedDependencies = { "matter :: events", "matter :: model", "organization", "system" })
package org.civicloop.security;

import org.springframework.modulith.ApplicationModule;
