package org.civicloop.matter.model;

import java.util.Optional;

import org.civicloop.matter.Matter;
import org.civicloop.organization.Caller;

/**
 * A matter by its tracking number, if the caller may see it: for the same reasons as in the staff list
 * ({@code GET /api/matters}), which is where the rule lives — registered it, leads or co-handles it, or is the
 * local office of its unit; everything for those who see all matters.
 */
public interface VisibleMatters {

	Optional<Matter> visible(Caller caller, String trackingNo);

}
