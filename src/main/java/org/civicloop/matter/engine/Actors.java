package org.civicloop.matter.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;

/** Who acts on a task: its assignee, else the cadre logged in to the engine. */
final class Actors {

	private Actors() {
	}

	static String of(DelegateTask task) {
		if (task.getAssignee() != null) {
			return task.getAssignee();
		}
		var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return authentication == null ? null : authentication.getUserId();
	}

}
