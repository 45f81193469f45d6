/** DMN routing of matters to a lead department and co-handling departments. */
package org.civicloop.routing;
