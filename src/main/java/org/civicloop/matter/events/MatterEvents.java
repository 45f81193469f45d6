package org.civicloop.matter.events;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.civicloop.matter.Matter;

import static org.civicloop.matter.model.MatterHandling.Vars.*;

/** For those that publish {@link MatterEvent}s: which matter a step of the process, or a record, is about. */
public final class MatterEvents {

	private MatterEvents() {
	}

	/** The matter a process works on: from the variables only its registration writes. */
	public static MatterEvent.Ref ref(VariableScope scope) {
		return new MatterEvent.Ref(((Number) scope.getVariable(MATTER_ID)).longValue(), (String) scope.getVariable(TRACKING_NO),
				(String) scope.getVariable(UNIT));
	}

	/** The matter a record is of. */
	public static MatterEvent.Ref ref(Matter matter) {
		return new MatterEvent.Ref(matter.id(), matter.trackingNo(), matter.report().unitId());
	}

}
