/**
 * CivicLoop's own tables beside the engine's: the timeline, the record kept in step with the events, staff queries.
 * Only the timeline is offered to other modules (the named interface {@code timeline}).
 */
package org.civicloop.matter.store;
