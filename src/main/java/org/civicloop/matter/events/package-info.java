/**
 * What happens to a matter, as past-tense events published once per fact inside the engine's transaction; the
 * timeline, the matter records and the audit trail listen to them, and so may any module.
 */
@NamedInterface("events")
package org.civicloop.matter.events;

import org.springframework.modulith.NamedInterface;
