package org.civicloop.variant;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of deployments and variants.
 *
 * @param allowedBeans the beans models may name, and the only beans the engine's expressions can reach
 * @param maxResourceSize the largest model, form or diagram a deployment may hold
 * @param maxElements the most XML elements one model may have
 * @param minTimerCycle the shortest interval at which a repeating timer may fire
 * @param maxInstances the most instances one multi-instance activity may make
 */
@ConfigurationProperties("civicloop.variants")
public record VariantProperties(
		@DefaultValue({ "registerMatterDelegate", "applyRoutingDelegate", "scheduleSignForDelegate",
				"scheduleHandlingDelegate", "recordDeadlineAlertDelegate", "startReworkDelegate",
				"closeMatterDelegate", "extendHandlingDelegate", "recordSupervisionDelegate" }) Set<String> allowedBeans,
		@DefaultValue("2MB") DataSize maxResourceSize,
		@DefaultValue("5000") int maxElements,
		@DefaultValue("PT1H") java.time.Duration minTimerCycle,
		@DefaultValue("20") int maxInstances) {
}
