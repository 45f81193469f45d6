package org.civicloop.matter.engine;

import org.camunda.bpm.engine.delegate.VariableScope;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/** The short history of returns, send-backs and reworks that every form shows read-only. */
final class MatterHistory {

	private MatterHistory() {
	}

	static void append(VariableScope scope, String line) {
		Object history = scope.getVariable(MATTER_HISTORY);
		String before = history == null ? "" : history.toString();
		scope.setVariable(MATTER_HISTORY, before.isEmpty() ? line : before + "\n" + line);
	}

}
