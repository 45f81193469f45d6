/**
 * Learning from closed matters (the paper's problem case library and early warning): every closed matter and every
 * typical case (典型案例) searchable in Chinese, the most similar earlier cases offered to the cadre who signs for
 * and handles a matter, and hotspot early warnings (预警) when a grid cell receives many more complaints of one
 * category than it used to.
 */
@ApplicationModule(allowedDependencies = { "matter", "matter :: events", "matter :: model", "organization", "security", "system" })
package org.civicloop.knowledge;

import org.springframework.modulith.ApplicationModule;
