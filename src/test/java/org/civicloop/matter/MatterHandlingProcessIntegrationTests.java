package org.civicloop.matter;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.matter.store.Timeline;
import org.civicloop.organization.TaskPriorities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicloop.matter.model.MatterHandling.Tasks.*;

/**
 * Every path of {@code matter-handling}, on the real engine and database, driven the way cadres
 * drive it: through {@link MatterProcess}, each task claimed and completed by a cadre of the group
 * it is offered to. Timers are fired by moving the engine clock and executing the due jobs.
 */
@CivicLoopTest
class MatterHandlingProcessIntegrationTests {

	private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

	private static final Instant MONDAY_9AM = Instant.parse("2026-11-30T01:00:00Z");

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@Autowired
	MatterProcess process;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	Matters matters;

	@Autowired
	Timeline timeline;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	FormService forms;

	@Autowired
	RepositoryService repository;

	@Autowired
	org.civicloop.system.EngineWork work;

	@BeforeEach
	void setUp() {
		init(engine);
		ClockUtil.setCurrentTime(Date.from(MONDAY_9AM));
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void satisfiedCitizenClosesTheMatterStraightThrough() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);

		assertThat(instance).isWaitingAt(SIGN_FOR);
		Task signFor = task(matter, SIGN_FOR);
		assertThat(signFor).hasCandidateGroup("dept-transport");
		assertThat(signFor.getDueDate()).as("4 working hours").isEqualTo(shanghai("2026-11-30T14:30"));

		doAs("transport.he", signFor, Map.of("signForDecision", "sign"));
		assertThat(instance).isWaitingAt(HANDLE);
		assertThat(task(matter, HANDLE)).isAssignedTo("transport.he");

		doAs("transport.he", task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
		doAs("dispatcher", task(matter, RETURN_VISIT), visited("satisfied"));

		assertThat(instance).isEnded(); // the order of every element: MatterHandlingModelUnitTests, on a full history
		Matter closed = matters.byId(matter.id()).orElseThrow();
		assertThat(closed.progress().stage()).isEqualTo("closed");
		assertThat(closed.isClosed()).isTrue();
		assertThat(closed.progress().satisfaction()).isEqualTo("satisfied");
		assertThat(kinds(matter)).containsSubsequence(Timeline.Kind.REGISTERED, Timeline.Kind.ROUTED,
				Timeline.Kind.TASK_CREATED, Timeline.Kind.SIGNED, Timeline.Kind.HANDLED, Timeline.Kind.ACCEPTED,
				Timeline.Kind.VISITED, Timeline.Kind.CLOSED);
	}

	@Test
	void returnedMatterIsRedispatchedToAnotherDepartment() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);

		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "return", "returnReason",
				"not-our-function", "returnNote", "属于城区道路，应由城管负责"));
		assertThat(instance).isWaitingAt(REDISPATCH);
		assertThat(task(matter, REDISPATCH)).hasCandidateGroup("dispatch-centre");

		doAs("dispatcher", task(matter, REDISPATCH), Map.of("leadDepartment", "dept-urban", "redispatchNote", "改派城管"));
		assertThat(instance).isWaitingAt(SIGN_FOR);
		assertThat(task(matter, SIGN_FOR)).hasCandidateGroup("dept-urban");
		assertThat(runtime.getVariable(instance.getId(), "matterHistory").toString()).contains("退单", "改派至");
		assertThat(matters.byId(matter.id()).orElseThrow().progress().leadDepartment()).isEqualTo("dept-urban");

		doAs("urban.wang", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		assertThat(task(matter, HANDLE)).isAssignedTo("urban.wang");
		assertThat(kinds(matter)).containsSubsequence(Timeline.Kind.RETURNED, Timeline.Kind.REDISPATCHED,
				Timeline.Kind.SIGNED);
	}

	@Test
	void reviewSendsTheReplyBackToHandling() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		doAs("transport.he", task(matter, HANDLE), handled());

		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "send-back", "reviewNote", "答复未说明修复时间"));
		assertThat(instance).isWaitingAt(HANDLE);
		assertThat(task(matter, HANDLE)).isAssignedTo("transport.he");

		doAs("transport.he", task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
		assertThat(instance).isWaitingAt(RETURN_VISIT);
		assertThat(kinds(matter)).containsSubsequence(Timeline.Kind.HANDLED, Timeline.Kind.SENT_BACK,
				Timeline.Kind.HANDLED, Timeline.Kind.ACCEPTED);
	}

	@Test
	void unsatisfiedCitizenSendsTheMatterBackToHandlingThenIsSatisfied() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);
		handleAndAccept(matter, "transport.he", true);

		doAs("dispatcher", task(matter, RETURN_VISIT), visited("unsatisfied"));
		assertThat(instance).isWaitingAt(HANDLE);
		assertThat(runtime.getVariable(instance.getId(), "reworkCount")).isEqualTo(1);

		handleAndAccept(matter, "transport.he", false);
		doAs("dispatcher", task(matter, RETURN_VISIT), visited("basically-satisfied"));
		assertThat(instance).isEnded();
		assertThat(kinds(matter)).containsSubsequence(Timeline.Kind.VISITED, Timeline.Kind.REWORK, Timeline.Kind.HANDLED,
				Timeline.Kind.VISITED, Timeline.Kind.CLOSED);
		assertThat(matters.byId(matter.id()).orElseThrow().progress().satisfaction()).isEqualTo("basically-satisfied");
	}

	@Test
	void reworkLimitReachedClosesTheMatterAsUnsatisfied() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);
		handleAndAccept(matter, "transport.he", true);
		for (int round = 1; round <= 2; round++) {
			doAs("dispatcher", task(matter, RETURN_VISIT), visited("unsatisfied"));
			assertThat(instance).isWaitingAt(HANDLE);
			handleAndAccept(matter, "transport.he", false);
		}

		doAs("dispatcher", task(matter, RETURN_VISIT), visited("unsatisfied"));

		assertThat(instance).isEnded();
		Matter closed = matters.byId(matter.id()).orElseThrow();
		assertThat(closed.progress().stage()).isEqualTo("closed");
		assertThat(closed.progress().satisfaction()).isEqualTo("unsatisfied");
		assertThat(timeline.of(matter.id()).stream().filter(e -> e.kind() == Timeline.Kind.REWORK)).hasSize(2);
		assertThat(timeline.of(matter.id()).get(timeline.of(matter.id()).size() - 1).note()).contains("重办次数已满");
	}

	@Test
	void warningAndUrgeFireWhenTheEngineClockMoves() {
		Matter matter = process.register(roadDamageInTown(), "operator"); // Monday 09:00: 4 working hours to sign for
		ProcessInstance instance = instanceOf(matter);

		moveClockTo("2026-11-30T11:59");
		assertThat(dueTimers(instance)).isEmpty();
		assertThat(inFilter("transport.he", "即将超期")).extracting(Task::getProcessInstanceId).doesNotContain(instance.getId());
		moveClockTo("2026-11-30T12:01"); // three quarters of the limit: 3 office hours
		fireDueTimers(instance);
		assertThat(kinds(matter)).contains(Timeline.Kind.WARNING).doesNotContain(Timeline.Kind.URGE);
		assertThat(instance).isWaitingAt(SIGN_FOR);
		Task warned = task(matter, SIGN_FOR);
		assertThat(warned.getPriority()).isEqualTo(TaskPriorities.WARNED);
		assertThat(engine.getTaskService().getTaskComments(warned.getId())).extracting(Comment::getFullMessage)
			.containsExactly("【即将超期·预警】签收时限 2026-11-30 14:30，请抓紧办理");
		assertThat(inFilter("transport.he", "即将超期")).extracting(Task::getId).contains(warned.getId());
		assertThat(inFilter("transport.he", "已超期")).extracting(Task::getId).doesNotContain(warned.getId());
		assertThat(inFilter("urban.wang", "即将超期")).extracting(Task::getId).doesNotContain(warned.getId());

		moveClockTo("2026-11-30T14:29");
		assertThat(dueTimers(instance)).isEmpty();
		moveClockTo("2026-11-30T14:31"); // after the lunch break, the fourth office hour has passed
		fireDueTimers(instance);
		assertThat(kinds(matter)).contains(Timeline.Kind.URGE);
		assertThat(instance).isWaitingAt(SIGN_FOR);
		assertThat(task(matter, SIGN_FOR).getPriority()).isEqualTo(TaskPriorities.URGED);
		assertThat(engine.getTaskService().getTaskComments(warned.getId())).hasSize(2);
		assertThat(inFilter("transport.he", "已超期")).extracting(Task::getId).contains(warned.getId());
		assertThat(inFilter("transport.he", "即将超期")).extracting(Task::getId).doesNotContain(warned.getId());

		moveClockTo("2026-11-30T14:40");
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		assertThat(task(matter, HANDLE).getDueDate()).as("5 working days").isEqualTo(shanghai("2026-12-07T14:40"));
		assertThat(dueTimers(instance)).isEmpty();

		moveClockTo("2026-12-04T11:24");
		assertThat(dueTimers(instance)).isEmpty();
		moveClockTo("2026-12-04T11:26"); // 26¼ of 35 office hours
		fireDueTimers(instance);
		moveClockTo("2026-12-07T14:41");
		fireDueTimers(instance);
		assertThat(instance).isWaitingAt(HANDLE);
		assertThat(timeline.of(matter.id()).stream().filter(e -> e.kind() == Timeline.Kind.WARNING).map(Timeline.Entry::stage))
			.containsExactly("sign-for", "handle");
		assertThat(timeline.of(matter.id()).stream().filter(e -> e.kind() == Timeline.Kind.URGE).map(Timeline.Entry::stage))
			.containsExactly("sign-for", "handle");
	}

	@Test
	void limitsRegisteredBeforeNationalDaySkipTheHolidayAndCountTheMakeUpDay() {
		moveClockTo("2026-09-25T10:00"); // Friday, Mid-Autumn Festival: the hotline registers, offices are closed until Monday
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);
		assertThat(task(matter, SIGN_FOR).getDueDate()).isEqualTo(shanghai("2026-09-28T14:30"));
		assertThat(timerDates(instance)).as("warning, urge, and supervision a working day later")
			.containsExactlyInAnyOrder(shanghai("2026-09-28T12:00"), shanghai("2026-09-28T14:30"), shanghai("2026-09-29T14:30"));

		moveClockTo("2026-09-30T16:00"); // Wednesday, the last working day before 10-01 to 10-07
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		// 1½ h on Wednesday, then Thursday 10-08, Friday 10-09, Saturday 10-10 (worked), Monday 10-12, Tuesday 10-13
		assertThat(task(matter, HANDLE).getDueDate()).isEqualTo(shanghai("2026-10-13T16:00"));
		assertThat(runtime.getVariable(instance.getId(), "handleDueText")).isEqualTo("2026-10-13 16:00");
		// the warning after 26¼ office hours: Wednesday 1½, 10-08 7, 10-09 7, 10-10 7, then 3¾ on Monday 10-12
		assertThat(timerDates(instance)).containsExactlyInAnyOrder(shanghai("2026-10-12T14:15"), shanghai("2026-10-13T16:00"),
				shanghai("2026-10-14T16:00"));
	}

	@Test
	void anApprovedExtensionMovesTheHandlingLimitAndItsTimersSoTheOldMomentsNeverFire() throws Exception {
		Matter matter = process.register(roadDamageInTown(), "operator"); // Monday 2026-11-30 09:00
		ProcessInstance instance = instanceOf(matter);
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		assertThat(task(matter, HANDLE).getDueDate()).as("5 working days").isEqualTo(shanghai("2026-12-04T17:30"));
		assertThat(timerDates(instance)).containsExactlyInAnyOrder(shanghai("2026-12-03T15:45"), shanghai("2026-12-04T17:30"),
				shanghai("2026-12-07T17:30"));

		moveClockTo("2026-12-02T10:00");
		var http = new Http(port);
		String path = "/api/matters/" + matter.trackingNo() + "/extension-requests";
		assertThat(http.postJson("transport.he", path, "{\"workingDays\": 0, \"reason\": \"短\"}").body())
			.contains("workingDays", "reason");
		assertThat(http.postJson("urban.wang", path, "{\"workingDays\": 3, \"reason\": \"需协调供电部门停电施工\"}").statusCode())
			.as("a department that does not handle it does not see it").isEqualTo(404);
		assertThat(http.postJson("dispatcher", path, "{\"workingDays\": 3, \"reason\": \"需协调供电部门停电施工\"}").statusCode())
			.as("only the handler asks").isEqualTo(403);
		assertThat(openTasks(matter)).doesNotContain(MatterHandling.Tasks.APPROVE_EXTENSION);
		assertThat(http.postJson("transport.he", path, "{\"workingDays\": 3, \"reason\": \"需协调供电部门停电施工\"}").statusCode())
			.isEqualTo(202);
		assertThat(http.postJson("transport.he", path, "{\"workingDays\": 2, \"reason\": \"再申请一次\"}").statusCode())
			.as("one request at a time").isEqualTo(409);
		assertThat(task(matter, MatterHandling.Tasks.APPROVE_EXTENSION)).hasCandidateGroup("dispatch-centre");
		assertThat(instance).isWaitingAt(HANDLE, MatterHandling.Tasks.APPROVE_EXTENSION);

		assertThatThrownBy(() -> doAs("dispatcher", task(matter, MatterHandling.Tasks.APPROVE_EXTENSION),
				Map.of("extensionDecision", "approve", "extensionDays", 31, "extensionNote", "同意")))
			.as("at most 30 working days").hasMessageContaining("extensionDays");
		doAs("dispatcher", task(matter, MatterHandling.Tasks.APPROVE_EXTENSION),
				Map.of("extensionDecision", "approve", "extensionDays", 3, "extensionNote", "同意，需停电施工"));
		// three working days from the old due date, Friday 17:30: Monday to Wednesday; the warning after 15¾ office hours
		assertThat(task(matter, HANDLE).getDueDate()).isEqualTo(shanghai("2026-12-09T17:30"));
		assertThat(timerDates(instance)).containsExactlyInAnyOrder(shanghai("2026-12-09T10:45"), shanghai("2026-12-09T17:30"),
				shanghai("2026-12-10T17:30"));
		assertThat(runtime.getVariable(instance.getId(), "handleDueText")).isEqualTo("2026-12-09 17:30");
		moveClockTo("2026-12-04T17:31");
		assertThat(dueTimers(instance)).as("the old warning and urge are gone").isEmpty();
		moveClockTo("2026-12-09T10:46");
		fireDueTimers(instance);
		assertThat(kinds(matter)).containsSubsequence(Timeline.Kind.EXTENSION_REQUESTED, Timeline.Kind.EXTENSION_APPROVED,
				Timeline.Kind.EXTENDED, Timeline.Kind.WARNING).doesNotContain(Timeline.Kind.URGE);
		assertThat(JSON.readTree(http.get("dispatcher", "/api/matters/" + matter.trackingNo()).body()).path("extensions").asInt()).isEqualTo(1);
		Matter extended = matters.byId(matter.id()).orElseThrow();
		assertThat(extended.progress().extensions()).isEqualTo(1);
		assertThat(extended.progress().dueAt()).isEqualTo(shanghai("2026-12-09T17:30").toInstant());
		assertThat(extended.progress().stage()).isEqualTo("handle");

		process.requestExtension(matter.trackingNo(), "transport.he", 5, "仍需等待材料");
		doAs("dispatcher", task(matter, MatterHandling.Tasks.APPROVE_EXTENSION),
				Map.of("extensionDecision", "refuse", "extensionDays", 5, "extensionNote", "不同意，请按期办结"));
		assertThat(task(matter, HANDLE).getDueDate()).as("a refusal moves nothing").isEqualTo(shanghai("2026-12-09T17:30"));
		assertThat(kinds(matter)).contains(Timeline.Kind.EXTENSION_REFUSED);
		assertThat(matters.byId(matter.id()).orElseThrow().progress().extensions()).isEqualTo(1);
	}

	@Test
	void aMatterStillOverdueAfterTheGraceIsSupervisedAndANewLimitMovesIt() {
		Matter matter = process.register(roadDamageInTown(), "operator"); // Monday 2026-11-30 09:00
		ProcessInstance instance = instanceOf(matter);
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign")); // due Friday 12-04 17:30
		assertThat(timerDates(instance)).contains(shanghai("2026-12-07T17:30")); // one working day of grace

		moveClockTo("2026-12-07T17:29");
		fireDueTimers(instance); // the warning and the urge
		assertThat(openTasks(matter)).doesNotContain(MatterHandling.Tasks.SUPERVISE);
		moveClockTo("2026-12-07T17:31");
		fireDueTimers(instance);
		Task supervise = task(matter, MatterHandling.Tasks.SUPERVISE);
		assertThat(supervise).hasCandidateGroup("supervision-office");
		assertThat(matters.byId(matter.id()).orElseThrow().progress().stage()).as("still in handling").isEqualTo("handle");

		doAs("supervisor", supervise, Map.of("supervisionDecision", "new-limit", "supervisionDays", 2, "supervisionNote", "限两个工作日内办结"));
		// from Monday 17:31, after the close: Tuesday and Wednesday
		assertThat(task(matter, HANDLE).getDueDate()).isEqualTo(shanghai("2026-12-09T17:30"));
		assertThat(runtime.getVariable(instance.getId(), "handleDueText")).isEqualTo("2026-12-09 17:30");
		assertThat(matters.byId(matter.id()).orElseThrow().progress().dueAt()).isEqualTo(shanghai("2026-12-09T17:30").toInstant());
		assertThat(kinds(matter)).containsSubsequence(Timeline.Kind.URGE, Timeline.Kind.SUPERVISED, Timeline.Kind.RELIMITED);
		assertThat(jdbc.sql("select recipient from notification where tracking_no = :no and kind = 'supervision'")
			.param("no", matter.trackingNo()).query(String.class).list()).containsExactly("transport.he");
		// the warning, urge and supervision that fired are armed again for the new limit
		assertThat(timerDates(instance)).containsExactlyInAnyOrder(shanghai("2026-12-09T14:00"), shanghai("2026-12-09T17:30"),
				shanghai("2026-12-10T17:30"));

		moveClockTo("2026-12-10T17:31"); // over the new limit too, and its grace
		fireDueTimers(instance);
		assertThat(kinds(matter).stream().filter(Timeline.Kind.URGE::equals)).as("urged again").hasSize(2);
		assertThat(openTasks(matter).stream().filter(MatterHandling.Tasks.SUPERVISE::equals)).as("supervised again").hasSize(1);
	}

	@Test
	void aMatterNobodySignsForIsSupervisedAndANewLimitMovesItsSignFor() {
		Matter matter = process.register(roadDamageInTown(), "operator"); // Monday 2026-11-30 09:00, sign for by 14:30
		ProcessInstance instance = instanceOf(matter);
		assertThat(timerDates(instance)).as("one working day of grace").contains(shanghai("2026-12-01T14:30"));

		moveClockTo("2026-12-01T14:31");
		fireDueTimers(instance); // the warning, the urge and the supervision
		Task supervise = task(matter, MatterHandling.Tasks.SUPERVISE_SIGN_FOR);
		assertThat(supervise).hasCandidateGroup("supervision-office");
		assertThat(inFilter("supervisor", "待督办")).extracting(Task::getId).contains(supervise.getId());

		doAs("supervisor", supervise, Map.of("supervisionDecision", "new-limit", "supervisionDays", 1, "supervisionNote", "限一个工作日内签收"));
		// seven office hours from Tuesday 14:31: 2 h 59 min on Tuesday, 4 h 1 min on Wednesday; the warning after 5 h 15 min
		assertThat(task(matter, SIGN_FOR).getDueDate()).isEqualTo(shanghai("2026-12-02T14:31"));
		assertThat(timerDates(instance)).as("warning, urge and supervision armed again").containsExactlyInAnyOrder(
				shanghai("2026-12-02T11:16"), shanghai("2026-12-02T14:31"), shanghai("2026-12-03T14:31"));
		assertThat(kinds(matter)).containsSubsequence(Timeline.Kind.WARNING, Timeline.Kind.URGE, Timeline.Kind.SUPERVISED, Timeline.Kind.RELIMITED);
		assertThat(jdbc.sql("select body from notification where tracking_no = :no and kind = 'supervision' and recipient = 'transport.he'")
			.param("no", matter.trackingNo()).query(String.class).single()).as("nobody signed for it: the department hears").contains("签收已超期");

		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		assertThat(timerDates(instance)).as("signed for: the sign-for timers are gone").doesNotContain(shanghai("2026-12-03T14:31"));
	}

	@Test
	void anExtensionApprovedAfterHandlingFinishedMovesNothing() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		process.requestExtension(matter.trackingNo(), "transport.he", 2, "等待供电部门配合");
		doAs("transport.he", task(matter, HANDLE), handled());

		doAs("dispatcher", task(matter, MatterHandling.Tasks.APPROVE_EXTENSION),
				Map.of("extensionDecision", "approve", "extensionDays", 2, "extensionNote", "同意"));
		assertThat(openTasks(matter)).containsExactly(REVIEW);
		Matter reviewed = matters.byId(matter.id()).orElseThrow();
		assertThat(reviewed.progress().extensions()).isZero();
		assertThat(reviewed.progress().stage()).isEqualTo("review");
		assertThat(kinds(matter)).contains(Timeline.Kind.EXTENSION_APPROVED).doesNotContain(Timeline.Kind.EXTENDED);
	}

	@Test
	void closingAMatterEndsItsUndecidedExtensionRequest() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		process.requestExtension(matter.trackingNo(), "transport.he", 2, "等待供电部门配合");
		doAs("transport.he", task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
		assertThat(openTasks(matter)).containsExactlyInAnyOrder(RETURN_VISIT, MatterHandling.Tasks.APPROVE_EXTENSION);

		doAs("dispatcher", task(matter, RETURN_VISIT), Map.of("satisfaction", "satisfied", "resolved", "yes", "visitNote", "电话回访"));

		assertThat(instance).isEnded();
		assertThat(openTasks(matter)).as("nothing left to decide on a closed matter").isEmpty();
		assertThat(matters.byId(matter.id()).orElseThrow().progress().stage()).isEqualTo("closed");
	}

	@Test
	void coDepartmentsHandleInParallelWithTheLead() {
		Matter matter = process.register(garbageInVillage(), "operator");
		ProcessInstance instance = instanceOf(matter);
		assertThat(task(matter, SIGN_FOR)).hasCandidateGroup("office-qingshi");

		doAs("qingshi.shen", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		assertThat(instance).isWaitingAt(HANDLE, CO_HANDLE);
		assertThat(task(matter, CO_HANDLE)).hasCandidateGroup("dept-urban");

		doAs("qingshi.shen", task(matter, HANDLE), handled());
		assertThat(instance).isWaitingAt(CO_HANDLE).isNotWaitingAt(REVIEW);
		doAs("urban.wang", task(matter, CO_HANDLE), Map.of("coHandlingReply", "已派环卫车辆协助清运"));
		assertThat(instance).isWaitingAt(REVIEW);
		assertThat(kinds(matter)).contains(Timeline.Kind.CO_HANDLED);
	}

	@Test
	void citizenEvaluationCompletesTheWaitingReturnVisit() {
		Matter matter = process.register(roadDamageInTown(), "operator");
		ProcessInstance instance = instanceOf(matter);
		handleAndAccept(matter, "transport.he", true);

		process.evaluate(matter.trackingNo(), "satisfied", true, "修得很快");

		assertThat(instance).isEnded();
		assertThat(kinds(matter)).contains(Timeline.Kind.CITIZEN_EVALUATED, Timeline.Kind.CLOSED)
			.doesNotContain(Timeline.Kind.VISITED);
		assertThat(matters.byId(matter.id()).orElseThrow().progress().satisfaction()).isEqualTo("satisfied");
	}

	@Test
	void citizenEvaluationBeforeTheReturnVisitIsRefused() {
		Matter matter = process.register(roadDamageInTown(), "operator");

		assertThatThrownBy(() -> process.evaluate(matter.trackingNo(), "satisfied", true, null))
			.hasMessageContaining("CitizenEvaluation");
		assertThat(instanceOf(matter)).isWaitingAt(SIGN_FOR);
	}

	@Test
	void matterRegisteredFromTheStartFormKeepsTheReporterOutOfVariablesAndHistory() {
		var definition = repository.createProcessDefinitionQuery().processDefinitionKey(MatterHandling.PROCESS_KEY)
			.withoutTenantId().latestVersion().singleResult();
		Map<String, Object> form = Map.of("channel", "hotline", "matterType", "complaint", "category", "street-light",
				"urgency", "normal", "description", "小区门口路灯不亮已有一周", "unit", "hebin", "address", "河滨社区2号楼",
				"gridCode", "LW-HB-01", "reporterName", "王小明", "reporterPhone", "13912345678");

		ProcessInstance instance = forms.submitStartForm(definition.getId(), form);

		Matter matter = matters.byTrackingNo(instance.getBusinessKey()).orElseThrow();
		assertThat(matter.trackingNo()).matches("CL20261130\\d{6}");
		assertThat(matter.report().reporter()).isEqualTo(new Contact("王小明", "13912345678"));
		assertThat(runtime.getVariables(instance.getId())).doesNotContainKeys("reporterName", "reporterPhone")
			.containsEntry("reporterMasked", "王** 139****5678");
		assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
			.noneMatch(v -> String.valueOf(v.getValue()).contains("13912345678") || String.valueOf(v.getValue()).contains("王小明"));
		assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).list())
			.noneMatch(d -> d.toString().contains("13912345678"));
		assertThat(instance).isWaitingAt(SIGN_FOR);
		assertThat(task(matter, SIGN_FOR)).hasCandidateGroup("dept-urban");
	}

	@Test
	void aWalkInMatterFromTheStartFormNamesTheCadreWhoRegisteredItAsOperator() {
		var definition = repository.createProcessDefinitionQuery().processDefinitionKey(MatterHandling.PROCESS_KEY)
			.withoutTenantId().latestVersion().singleResult();
		Map<String, Object> form = Map.of("channel", "walk-in", "matterType", "help", "category", "elderly-help",
				"urgency", "normal", "description", "独居老人需要办理居家养老服务", "unit", "xinqiao", "address", "新桥社区5组",
				"reporterName", "赵大爷", "reporterPhone", "13912340000");

		ProcessInstance instance = work.as("dispatcher", () -> forms.submitStartForm(definition.getId(), form));

		assertThat(matters.byTrackingNo(instance.getBusinessKey()).orElseThrow().report().operatorId()).isEqualTo("dispatcher");
	}

	@Test
	void badStartFormInputIsRefusedAndCreatesNothing() {
		var definition = repository.createProcessDefinitionQuery().processDefinitionKey(MatterHandling.PROCESS_KEY)
			.withoutTenantId().latestVersion().singleResult();
		long mattersBefore = matters.count();
		long instancesBefore = runtime.createProcessInstanceQuery().count();

		assertThatThrownBy(() -> forms.submitStartForm(definition.getId(), Map.of("channel", "hotline", "matterType",
				"complaint", "category", "teleportation", "urgency", "normal", "description", "x", "unit", "atlantis",
				"reporterName", "李四", "reporterPhone", "12345")))
			.hasMessageContaining("category").hasMessageContaining("unit").hasMessageContaining("reporterPhone")
			.hasMessageNotContaining("12345");

		assertThat(matters.count()).isEqualTo(mattersBefore);
		assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
	}

	private void handleAndAccept(Matter matter, String cadre, boolean signFirst) {
		if (signFirst) {
			doAs(cadre, task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		}
		doAs(cadre, task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
	}

	private void doAs(String cadre, Task task, Map<String, Object> input) {
		process.work(task.getId(), cadre, input);
	}

	private Task task(Matter matter, String key) {
		List<Task> open = process.openTasks(matter.trackingNo()).stream()
			.filter(task -> task.getTaskDefinitionKey().equals(key)).toList();
		assertThat(open).as("open %s tasks of %s", key, matter.trackingNo()).hasSize(1);
		return open.get(0);
	}

	private List<String> openTasks(Matter matter) {
		return process.openTasks(matter.trackingNo()).stream().map(Task::getTaskDefinitionKey).toList();
	}

	private ProcessInstance instanceOf(Matter matter) {
		return runtime.createProcessInstanceQuery().processInstanceBusinessKey(matter.trackingNo()).singleResult();
	}

	private List<Timeline.Kind> kinds(Matter matter) {
		return timeline.of(matter.id()).stream().map(Timeline.Entry::kind).toList();
	}

	private List<Job> dueTimers(ProcessInstance instance) {
		return management.createJobQuery().processInstanceId(instance.getId()).timers().executable().list();
	}

	private void fireDueTimers(ProcessInstance instance) {
		List<Job> due = dueTimers(instance);
		assertThat(due).as("timers due").isNotEmpty();
		due.forEach(job -> management.executeJob(job.getId()));
	}

	private static void moveClockTo(Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
	}

	/** The tasks a Tasklist filter shows to a cadre. */
	private List<Task> inFilter(String cadre, String name) {
		var filters = engine.getFilterService();
		String id = filters.createFilterQuery().filterName(name).singleResult().getId();
		return work.as(cadre, () -> filters.<Task>list(id));
	}

	private static void moveClockTo(String shanghaiTime) {
		ClockUtil.setCurrentTime(shanghai(shanghaiTime));
	}

	private static Date shanghai(String localTime) {
		return Date.from(java.time.LocalDateTime.parse(localTime).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
	}

	private List<Date> timerDates(ProcessInstance instance) {
		return management.createJobQuery().processInstanceId(instance.getId()).timers().list().stream().map(Job::getDuedate).toList();
	}

	private static Map<String, Object> handled() {
		return Map.of("handlingResult", "resolved", "handlingReply", "已安排养护队修补路面，现已恢复通行");
	}

	private static Map<String, Object> visited(String satisfaction) {
		return Map.of("satisfaction", satisfaction, "resolved", "unsatisfied".equals(satisfaction) ? "no" : "yes",
				"visitNote", "电话回访");
	}

	static NewMatter roadDamageInTown() {
		return new NewMatter("hotline", "complaint", "road-damage", "normal", "镇区主干道出现大坑，夜间容易出事故", "qingshi",
				"青石镇中心路", null, new Contact("赵六", "13700001111"));
	}

	static NewMatter garbageInVillage() {
		return new NewMatter("wechat", "complaint", "garbage", "normal", "村口垃圾三天无人清运，气味很大", "shangtang",
				"上塘村村口", "QS-ST-01", new Contact("钱七", "13600002222"));
	}

}
