package org.civicloop.matter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The evaluation secret as the real configuration files give it: the demo has a public one, production has
 * none until one is set, and a rotated secret keeps the tokens already handed out valid.
 */
class MatterPropertiesUnitTests {

	@Test
	void productionDoesNotStartWithoutASecretOfItsOwn() throws IOException {
		assertThatThrownBy(() -> bind(true, Map.of()))
			.isInstanceOf(BindException.class).rootCause().hasMessageContaining("CIVICLOOP_EVALUATION_SECRET");
		assertThatThrownBy(() -> bind(true, Map.of("CIVICLOOP_EVALUATION_SECRET", "too-short")))
			.rootCause().hasMessageContaining("at least 32");

		var set = bind(true, Map.of("CIVICLOOP_EVALUATION_SECRET", "k3Jq9vX0pL2mN8rT5wY7zA1cE4gH6iK0oQ"));

		assertThat(set.evaluationSecret()).startsWith("k3Jq");
	}

	@Test
	void theDemoRunsOnItsPublicSecret() throws IOException {
		assertThat(bind(false, Map.of()).evaluationSecret()).contains("demo-only");
	}

	@Test
	void aRotatedSecretStillAcceptsTheTokensHandedOutBefore() {
		var old = properties("an-old-secret-that-was-leaked-last-year-0001", List.of());
		var rotated = properties("the-new-secret-of-this-year-000000000000001", List.of("an-old-secret-that-was-leaked-last-year-0001"));
		var other = properties("someone-elses-secret-000000000000000000000001", List.of());
		String handedOut = new EvaluationTokens(old).of("CL20261128000042");

		assertThat(new EvaluationTokens(rotated).matches("CL20261128000042", handedOut)).isTrue();
		assertThat(new EvaluationTokens(rotated).of("CL20261128000042")).isNotEqualTo(handedOut);
		assertThat(new EvaluationTokens(other).matches("CL20261128000042", handedOut)).isFalse();
		assertThat(new EvaluationTokens(rotated).matches("CL20261128000043", handedOut)).isFalse();
	}

	private static MatterProperties properties(String secret, List<String> previous) {
		return new MatterProperties(2, java.time.ZoneId.of("Asia/Shanghai"), 0, 200, 7, secret, previous);
	}

	private static MatterProperties bind(boolean production, Map<String, Object> environment) throws IOException {
		var env = new StandardEnvironment();
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		env.getPropertySources().addFirst(new MapPropertySource("environment", environment));
		var loader = new YamlPropertySourceLoader();
		if (production) {
			loader.load("postgres", new ClassPathResource("application-postgres.yml")).forEach(env.getPropertySources()::addLast);
		}
		loader.load("default", new ClassPathResource("application.yml")).forEach(env.getPropertySources()::addLast);
		return Binder.get(env).bind("civicloop.matter", MatterProperties.class).get();
	}

}
