package org.civicloop.matter;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.store.Timeline;
import org.civicloop.system.EngineWork;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicloop.matter.model.MatterHandling.Tasks.*;

/**
 * What the engine's history keeps of a closed matter, reader by reader — and what it no longer keeps: the
 * timeline is CivicLoop's own; Cockpit and the cleanup find the process instance; the problem details find each
 * task with its cadre and whom it was offered to; the decisions say why the matter went to its department; the
 * audit keeps administrative operations. No variable (so no contact), no update of one, no activity instance, no
 * routine claim or completion, no timer's job log.
 */
@CivicLoopTest
class EngineHistoryIntegrationTests {

	@Autowired
	MatterProcess process;

	@Autowired
	Timeline timeline;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	EngineWork work;

	@Test
	void aClosedMatterLeavesWhatItsReadersReadAndNothingElse() {
		Matter matter = process.register(MatterHandlingProcessIntegrationTests.roadDamageInTown(), "operator");
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(matter.trackingNo()).singleResult().getId();
		work.as("demo", () -> {
			runtime.suspendProcessInstanceById(instance);
			runtime.activateProcessInstanceById(instance);
		});
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		doAs("transport.he", task(matter, HANDLE), Map.of("handlingResult", "resolved", "handlingReply", "已安排养护队修补路面，现已恢复通行"));
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
		doAs("dispatcher", task(matter, RETURN_VISIT), Map.of("satisfaction", "satisfied", "resolved", "yes",
				"visitNote", "电话回访"));

		assertThat(timeline.of(matter.id())).extracting(Timeline.Entry::kind).containsSubsequence(Timeline.Kind.REGISTERED,
				Timeline.Kind.SIGNED, Timeline.Kind.HANDLED, Timeline.Kind.ACCEPTED, Timeline.Kind.VISITED, Timeline.Kind.CLOSED);
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().singleResult()
			.getBusinessKey()).isEqualTo(matter.trackingNo());

		var tasks = history.createHistoricTaskInstanceQuery().processInstanceId(instance).orderByHistoricActivityInstanceStartTime()
			.asc().list();
		assertThat(tasks).extracting(task -> task.getTaskDefinitionKey() + " " + task.getAssignee())
			.containsExactly(SIGN_FOR + " transport.he", HANDLE + " transport.he", REVIEW + " dispatcher",
					RETURN_VISIT + " dispatcher");
		var links = history.createHistoricIdentityLinkLogQuery().processDefinitionKey("matter-handling").list().stream()
			.filter(link -> tasks.stream().anyMatch(task -> task.getId().equals(link.getTaskId()))).toList();
		assertThat(links).extracting(link -> link.getType() + " " + link.getGroupId())
			.containsExactlyInAnyOrder("candidate dept-transport", "candidate dept-transport", "candidate dispatch-centre",
					"candidate dispatch-centre");

		var decisions = history.createHistoricDecisionInstanceQuery().processInstanceId(instance).includeInputs().includeOutputs()
			.list();
		assertThat(decisions).extracting(decision -> decision.getDecisionDefinitionKey())
			.containsExactlyInAnyOrder("route-matter", "time-limits");
		assertThat(decisions.stream().filter(d -> d.getDecisionDefinitionKey().equals("route-matter")).findFirst().orElseThrow()
			.getOutputs()).extracting(output -> output.getValue()).contains("dept-transport");

		assertThat(history.createUserOperationLogQuery().processInstanceId(instance).list())
			.extracting(UserOperationLogEntry::getOperationType).as("administrative operations stay, routine ones go")
			.contains(UserOperationLogEntry.OPERATION_TYPE_SUSPEND, UserOperationLogEntry.OPERATION_TYPE_ACTIVATE)
			.doesNotContain(UserOperationLogEntry.OPERATION_TYPE_CLAIM, UserOperationLogEntry.OPERATION_TYPE_COMPLETE,
					UserOperationLogEntry.OPERATION_TYPE_CREATE);
		assertThat(history.createUserOperationLogQuery().processInstanceId(instance).entityType(EntityTypes.TASK).count()).isZero();

		assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).count()).as("variables").isZero();
		assertThat(history.createHistoricDetailQuery().processInstanceId(instance).count()).as("variable updates").isZero();
		assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).as("activities").isZero();
		assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).count()).as("timers' job log").isZero();
		assertThat(links).noneMatch(link -> IdentityLinkType.ASSIGNEE.equals(link.getType()));
		assertThat(management.getTableCount().get("ACT_RU_TASK_METER_LOG")).as("no task metrics").isZero();
	}

	private void doAs(String cadre, Task task, Map<String, Object> input) {
		process.work(task.getId(), cadre, input);
	}

	private Task task(Matter matter, String key) {
		List<Task> open = process.openTasks(matter.trackingNo()).stream()
			.filter(task -> task.getTaskDefinitionKey().equals(key)).toList();
		assertThat(open).hasSize(1);
		return open.get(0);
	}

}
