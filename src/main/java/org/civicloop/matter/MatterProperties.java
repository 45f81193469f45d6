package org.civicloop.matter;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How matters are handled.
 *
 * @param maxRework how many times an unsatisfied citizen can send a matter back to handling (重办) before
 *     it is closed as it stands
 * @param zone the local time zone: tracking numbers carry the local date, forms show local times
 * @param demoMatters how many demo matters to start when there are none yet (0 for none)
 * @param duplicateDistanceMeters a new matter this close to an open one of the same reporter phone and
 *     category (or in the same grid cell) is a repeat of it
 * @param duplicateReopenDays a matter closed within these days still takes repeats
 * @param evaluationSecret key of the evaluation tokens handed to citizens at intake: at least 32 characters,
 *     the same on every node ({@code CIVICLOOP_EVALUATION_SECRET}); the default is the public demo value,
 *     and the {@code postgres} profile has none, so a production start without one fails
 * @param previousEvaluationSecrets keys still accepted for tokens handed out before the secret was rotated
 */
@ConfigurationProperties("civicloop.matter")
public record MatterProperties(@DefaultValue("2") int maxRework, @DefaultValue("Asia/Shanghai") ZoneId zone,
		@DefaultValue("0") int demoMatters, @DefaultValue("200") double duplicateDistanceMeters,
		@DefaultValue("7") int duplicateReopenDays, String evaluationSecret,
		@DefaultValue("") java.util.List<String> previousEvaluationSecrets) {

	/** The minimum length of an evaluation secret. */
	static final int MIN_SECRET = 32;

	public MatterProperties {
		if (maxRework < 0) {
			throw new IllegalArgumentException("civicloop.matter.max-rework must not be negative");
		}
		if (evaluationSecret == null || evaluationSecret.strip().length() < MIN_SECRET) {
			throw new IllegalArgumentException("civicloop.matter.evaluation-secret (CIVICLOOP_EVALUATION_SECRET) must be set to"
					+ " at least " + MIN_SECRET + " random characters, the same on every node: citizens' evaluation tokens are"
					+ " keyed by it. Generate one with: openssl rand -base64 33");
		}
		previousEvaluationSecrets = previousEvaluationSecrets == null ? java.util.List.of()
				: previousEvaluationSecrets.stream().filter(secret -> !secret.isBlank()).toList();
	}

}
