package org.civicloop.matter;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.springframework.stereotype.Component;

import static org.civicloop.matter.MatterHandling.Vars.*;

/** 签收: whoever signs for a matter handles it; their id goes into {@code signedBy}. */
@Component("recordSignerDelegate")
class RecordSignerDelegate implements TaskListener {

	@Override
	public void notify(DelegateTask task) {
		if (!"sign".equals(task.getVariable(SIGN_FOR_DECISION))) {
			return;
		}
		String signer = Actors.of(task);
		if (signer == null) {
			throw new IllegalStateException("A matter can only be signed for by a cadre: claim the task first");
		}
		task.setVariable(SIGNED_BY, signer);
	}

}
