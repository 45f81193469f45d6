package org.civicloop.system;

import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.civicloop.CivicLoopTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's decision tables run on the plain-cell FEEL engine, and route as the table says. */
@CivicLoopTest
class PlainFeelIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	DecisionService decisions;

	@Test
	void theEnginesTablesAreEvaluatedWithThePlainCellFeelEngine() {
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(PlainFeel.class);

		var rows = decisions.evaluateDecisionByKey("route-matter").decisionDefinitionWithoutTenantId().variables(Map.of("category", "garbage", "unitLevel", "village",
				"town", "qingshi", "unit", "shangtang", "gridCode", "QS-ST-01", "urgency", "normal", "matterType", "complaint",
				"channel", "hotline")).evaluate().getResultList();
		assertThat(rows).extracting(row -> row.get("role") + ":" + row.get("department"))
			.containsExactlyInAnyOrder("lead:office-qingshi", "co:dept-urban");
	}

}
