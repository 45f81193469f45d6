package org.civicloop.matter.model;

import java.util.Map;

/**
 * Which process definition and which version of each table a matter of a unit runs on: the unit's
 * active variant, else its town's, else the county's. Implemented by the variants module.
 */
public interface MatterDefinitions {

	Choice forUnit(String unitId);

	/**
	 * @param processDefinitionId the definition to start, or {@code null} for the county's latest shared one
	 * @param decisions per table key, the tenant ({@code null}: shared) and version to evaluate
	 */
	record Choice(String processDefinitionId, Map<String, Decision> decisions) {
	}

	record Decision(String tenantId, int version) {
	}

}
