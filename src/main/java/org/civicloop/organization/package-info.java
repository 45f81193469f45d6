/** Units (county → town → village), departments, cadres and tenants, loaded from the directory into the engine's identity. */
@ApplicationModule(allowedDependencies = {})
package org.civicloop.organization;

import org.springframework.modulith.ApplicationModule;
