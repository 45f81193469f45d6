package org.civicloop.knowledge;

import java.util.List;

/**
 * A hotspot warning (预警) was raised; published in the transaction that stored it, for the notification channels.
 *
 * @param audience the groups whose members are told: the unit's town office (the dispatch centre for the county
 *     seat) and the department that led the latest of the matters
 * @param path where the warning is read and acknowledged
 */
public record HotspotRaised(long id, String grid, String unit, String unitName, String category, String categoryName,
		int windowDays, int matters, double baseline, List<String> audience, String path) {
}
