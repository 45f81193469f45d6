/** Open311 GeoReport v2 over the matter intake and public progress: any Open311 client can file and follow matters. */
@ApplicationModule(allowedDependencies = { "matter", "organization", "system" })
package org.civicloop.open311;

import org.springframework.modulith.ApplicationModule;
