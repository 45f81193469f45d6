/** What every module shares with the engine: its clock, and running engine work as the application or as an account. */
@ApplicationModule(allowedDependencies = {})
package org.civicloop.system;

import org.springframework.modulith.ApplicationModule;
