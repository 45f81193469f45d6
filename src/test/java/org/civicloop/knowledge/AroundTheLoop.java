package org.civicloop.knowledge;

import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.civicloop.matter.Matter;
import org.civicloop.matter.engine.MatterProcess;

import static org.assertj.core.api.Assertions.assertThat;

/** Takes a registered matter around the rest of the loop at once: signed for, handled with a reply, accepted, visited satisfied. */
final class AroundTheLoop {

	private AroundTheLoop() {
	}

	static Matter close(MatterProcess process, Matter matter, String reply) {
		for (int step = 0; step < 10 && !process.openTasks(matter.trackingNo()).isEmpty(); step++) {
			Task next = process.openTasks(matter.trackingNo()).get(0);
			String cadre = next.getAssignee() != null ? next.getAssignee() : process.cadresFor(next).get(0);
			Map<String, Object> input = switch (next.getTaskDefinitionKey()) {
				case "task_signFor" -> Map.of("signForDecision", "sign");
				case "task_handle" -> Map.of("handlingResult", "resolved", "handlingReply", reply);
				case "task_coHandle" -> Map.of("coHandlingReply", "已配合牵头部门完成处置");
				case "task_review" -> Map.of("reviewDecision", "accept");
				case "task_returnVisit" -> Map.of("satisfaction", "satisfied", "resolved", "yes", "visitNote", "电话回访");
				default -> throw new AssertionError("unexpected task " + next.getTaskDefinitionKey());
			};
			process.work(next.getId(), cadre, input);
		}
		assertThat(process.openTasks(matter.trackingNo())).as("closed").isEmpty();
		return matter;
	}

}
