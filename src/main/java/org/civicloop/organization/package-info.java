/** Units (county → town → village), departments, cadres and tenants, loaded from the directory into the engine's identity. */
package org.civicloop.organization;
