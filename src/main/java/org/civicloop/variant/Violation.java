package org.civicloop.variant;

/**
 * One broken guardrail.
 *
 * @param rule a stable code (see {@link Guardrails}), for clients to act on
 * @param resource the file it was found in
 * @param element the id of the BPMN element or DMN rule concerned, when there is one
 * @param message what is wrong, in Chinese words a process designer understands (ids, attributes and values
 * quoted as they are written)
 */
public record Violation(String rule, String resource, String element, String message) {

	@Override
	public String toString() {
		return "[" + rule + "] " + resource + (element == null ? "" : "（" + element + "）") + "：" + message;
	}

}
