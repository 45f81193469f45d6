package org.civicloop.variant;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;

/**
 * A deployment refused by the guardrails: a parse error to the engine (so the engine REST API answers
 * 400 and Camunda Modeler shows the message), the list of violations to CivicLoop's facade.
 */
public class GuardrailViolations extends ParseException {

	private final List<Violation> violations;

	GuardrailViolations(List<Violation> violations) {
		super("Deployment refused by CivicLoop's guardrails: " + violations.stream().map(Violation::toString)
			.collect(Collectors.joining("; ")), violations.get(0).resource(), problems(violations), List.of());
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}

	private static List<Problem> problems(List<Violation> violations) {
		return violations.stream().<Problem>map(violation -> new ViolationProblem(violation)).toList();
	}

	private record ViolationProblem(Violation violation) implements Problem {

		@Override
		public String getMessage() {
			return violation.rule() + ": " + violation.message();
		}

		@Override
		public int getLine() {
			return -1;
		}

		@Override
		public int getColumn() {
			return -1;
		}

		@Override
		public String getMainElementId() {
			return violation.element();
		}

		@Override
		public List<String> getElementIds() {
			return violation.element() == null ? List.of() : List.of(violation.element());
		}

	}

}
