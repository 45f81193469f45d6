package org.civicloop.variant;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A deployment refused by the guardrails: the caller's error to the engine (so the engine REST API answers
 * 400 and Camunda Modeler shows the message, and the engine does not log it as its own failure), the list of
 * violations to CivicLoop's facade.
 */
public class GuardrailViolations extends BadUserRequestException {

	private final List<Violation> violations;

	GuardrailViolations(List<Violation> violations) {
		super("部署被 CivicLoop 护栏规则拒绝：" + violations.stream().map(Violation::toString)
			.collect(Collectors.joining("；")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}

	/** The rule codes broken, each once: what the log says of a refusal. */
	String rules() {
		return violations.stream().map(Violation::rule).distinct().sorted().collect(Collectors.joining(","));
	}

}
