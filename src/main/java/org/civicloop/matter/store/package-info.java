/** CivicLoop's own tables beside the engine's: the timeline, the record kept in step with the events, staff queries. */
package org.civicloop.matter.store;
