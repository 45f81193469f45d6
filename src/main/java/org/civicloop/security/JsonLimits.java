package org.civicloop.security;

import com.fasterxml.jackson.core.StreamReadConstraints;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Read limits for every JSON parser in the process — Spring MVC's and the engine REST API's alike — set
 * before either is built: nesting at most 100 deep, numbers at most 100 digits, strings at most 2 MB.
 */
class JsonLimits implements EnvironmentPostProcessor {

	static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(100)
		.maxNumberLength(100).maxStringLength(2_000_000).build();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		StreamReadConstraints.overrideDefaultStreamReadConstraints(LIMITS);
	}

}
