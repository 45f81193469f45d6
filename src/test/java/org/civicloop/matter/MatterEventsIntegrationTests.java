package org.civicloop.matter;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.CivicLoopTest;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.events.MatterEvent;
import org.civicloop.organization.Caller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.PublishedEventsExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicloop.matter.model.MatterHandling.Tasks.*;

/**
 * Every path of the loop publishes exactly the events of its facts, in order, once each: what the timeline,
 * the record and every later listener hear. Events are read as the test thread published them.
 */
@CivicLoopTest
@ExtendWith(PublishedEventsExtension.class)
class MatterEventsIntegrationTests {

	private static final Instant MONDAY_9AM = Instant.parse("2026-11-30T01:00:00Z");

	@Autowired
	MatterProcess process;

	@Autowired
	Intake intake;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	TaskService tasks;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void setUp() {
		ClockUtil.setCurrentTime(Date.from(MONDAY_9AM));
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aSatisfiedMatterStraightThrough(PublishedEvents events) {
		Matter matter = process.register(MatterHandlingProcessIntegrationTests.roadDamageInTown(), "operator");
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		doAs("transport.he", task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
		doAs("dispatcher", task(matter, RETURN_VISIT), visited("satisfied"));

		assertThat(sequence(events, matter)).containsExactly("Registered", "Routed", "Offered sign-for",
				"Claimed sign-for", "SignedFor", "Offered handle", "Claimed handle", "Handled", "Offered review", "Claimed review",
				"Reviewed accepted", "Offered return-visit", "Claimed return-visit", "Visited satisfied", "Closed satisfied");
		var routed = events.ofType(MatterEvent.Routed.class).matching(e -> e.matter().id() == matter.id()).iterator().next();
		assertThat(routed.leadDepartment()).isEqualTo("dept-transport");
		assertThat(routed.matter()).isEqualTo(new MatterEvent.Ref(matter.id(), matter.trackingNo(), "qingshi"));
		var offered = events.ofType(MatterEvent.Offered.class).matching(e -> e.matter().id() == matter.id()).iterator().next();
		assertThat(offered.due()).as("4 working hours: 3 before lunch, 1 after").isEqualTo(MONDAY_9AM.plus(Duration.ofMinutes(330)));
	}

	@Test
	void aClaimTellsTheMatterFromItsRecordWhenTheRecordNamesTheTasksProcess(PublishedEvents events) {
		Matter recorded = process.register(MatterHandlingProcessIntegrationTests.roadDamageInTown(), "operator");
		Matter other = process.register(MatterHandlingProcessIntegrationTests.roadDamageInTown(), "operator");
		// the records say another unit than the processes' variables ("qingshi"), so the answer shows where it came from
		jdbc.update("update matter set unit_id = 'xiatang' where id in (?, ?)", recorded.id(), other.id());
		jdbc.update("update matter set process_instance_id = 'another-process' where id = ?", other.id());

		tasks.claim(task(recorded, SIGN_FOR).getId(), "transport.he");
		tasks.claim(task(other, SIGN_FOR).getId(), "transport.he");

		var claimed = events.ofType(MatterEvent.Claimed.class);
		assertThat(claimed.matching(e -> e.matter().id() == recorded.id())).singleElement()
			.satisfies(e -> assertThat(e.matter()).isEqualTo(new MatterEvent.Ref(recorded.id(), recorded.trackingNo(), "xiatang")))
			.satisfies(e -> assertThat(List.of(e.stage(), e.department(), e.cadre())).containsExactly("sign-for", "dept-transport",
					"transport.he"));
		// a record that names another process is not taken: the process's own variables tell the matter
		assertThat(claimed.matching(e -> e.matter().id() == other.id())).singleElement()
			.satisfies(e -> assertThat(e.matter()).isEqualTo(new MatterEvent.Ref(other.id(), other.trackingNo(), "qingshi")));
	}

	@Test
	void aReturnedMatterIsRedispatchedAndASentBackReplyHandledAgain(PublishedEvents events) {
		Matter matter = process.register(MatterHandlingProcessIntegrationTests.roadDamageInTown(), "operator");
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "return", "returnReason", "not-our-function",
				"returnNote", "属于城区道路，应由城管负责"));
		doAs("dispatcher", task(matter, REDISPATCH), Map.of("leadDepartment", "dept-urban", "redispatchNote", "改派城管"));
		doAs("urban.wang", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		doAs("urban.wang", task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "send-back", "reviewNote", "回复过于简单，请补充"));
		doAs("urban.wang", task(matter, HANDLE), handled());

		assertThat(sequence(events, matter)).containsExactly("Registered", "Routed", "Offered sign-for", "Claimed sign-for",
				"Returned", "Offered redispatch", "Claimed redispatch", "Redispatched", "Offered sign-for", "Claimed sign-for",
				"SignedFor", "Offered handle", "Claimed handle", "Handled", "Offered review", "Claimed review", "Reviewed sent-back",
				"Offered handle", "Claimed handle", "Handled", "Offered review");
		var redispatched = events.ofType(MatterEvent.Redispatched.class).matching(e -> e.matter().id() == matter.id()).iterator().next();
		assertThat(redispatched.leadDepartment()).isEqualTo("dept-urban");
		assertThat(redispatched.cadre()).isEqualTo("dispatcher");
	}

	@Test
	void anUnsatisfiedCitizenStartsReworkThenIsSatisfiedByTheirOwnRating(PublishedEvents events) {
		Matter matter = process.register(MatterHandlingProcessIntegrationTests.roadDamageInTown(), "operator");
		doAs("transport.he", task(matter, SIGN_FOR), Map.of("signForDecision", "sign"));
		doAs("transport.he", task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
		doAs("dispatcher", task(matter, RETURN_VISIT), visited("unsatisfied"));
		doAs("transport.he", task(matter, HANDLE), handled());
		doAs("dispatcher", task(matter, REVIEW), Map.of("reviewDecision", "accept"));
		process.evaluate(matter.trackingNo(), "satisfied", true, "修好了");

		assertThat(sequence(events, matter)).containsExactly("Registered", "Routed", "Offered sign-for", "Claimed sign-for",
				"SignedFor", "Offered handle", "Claimed handle", "Handled", "Offered review", "Claimed review", "Reviewed accepted",
				"Offered return-visit", "Claimed return-visit", "Visited unsatisfied", "ReworkStarted 1", "Offered handle",
				"Claimed handle", "Handled", "Offered review", "Claimed review", "Reviewed accepted", "Offered return-visit",
				"Evaluated satisfied", "Closed satisfied");
	}

	@Test
	void aVillageMatterIsCoHandledAndItsDeadlinesWarnAndUrge(PublishedEvents events) {
		Matter matter = process.register(MatterHandlingProcessIntegrationTests.garbageInVillage(), "operator");
		var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(matter.trackingNo()).singleResult();
		ClockUtil.setCurrentTime(Date.from(MONDAY_9AM.plus(Duration.ofDays(3))));
		management.createJobQuery().processInstanceId(instance.getId()).timers().executable().list().stream()
			.sorted(java.util.Comparator.comparing(Job::getDuedate)).forEach(job -> management.executeJob(job.getId()));
		Task signFor = task(matter, SIGN_FOR);
		String office = process.cadresFor(signFor).get(0);
		doAs(office, signFor, Map.of("signForDecision", "sign"));
		doAs("urban.wang", task(matter, CO_HANDLE), Map.of("coHandlingReply", "已安排环卫车辆清运"));
		doAs(office, task(matter, HANDLE), handled());

		assertThat(sequence(events, matter)).as("three days on, the sign-for is supervised too").containsExactly("Registered", "Routed",
				"Offered sign-for", "Warned sign-for", "Urged sign-for", "Offered supervision", "Claimed sign-for", "SignedFor", "Offered handle", "Claimed handle", "Offered co-handle",
				"Claimed co-handle", "CoHandled", "Handled", "Offered review");
		var routed = events.ofType(MatterEvent.Routed.class).matching(e -> e.matter().id() == matter.id()).iterator().next();
		assertThat(routed.coDepartments()).containsExactly("dept-urban");
	}

	@Test
	void aRepeatedReportIsAnEventOfTheOriginal(PublishedEvents events) {
		var report = new NewMatter("hotline", "complaint", "street-light", "normal", "路灯不亮一周了", "hebin", "河滨社区", "LW-HB-01",
				new Contact("重复测", "13866660001"));
		var caller = new Caller("hotline-system", java.util.Set.of("intake-systems"));
		Matter first = intake.register(report, caller, null).matter();
		var repeat = intake.register(report, caller, null);

		assertThat(repeat.duplicate()).isTrue();
		assertThat(sequence(events, first)).containsExactly("Registered", "Routed", "Offered sign-for", "Repeated");
	}

	/** The events of one matter, each as its type and what tells it apart (a stage, a rating, an outcome). */
	private static List<String> sequence(PublishedEvents events, Matter matter) {
		var described = new java.util.ArrayList<String>();
		events.ofType(MatterEvent.class).matching(event -> event.matter().id() == matter.id())
			.forEach(event -> described.add(describe(event)));
		return described;
	}

	private static String describe(MatterEvent event) {
		String type = event.getClass().getSimpleName();
		if (event instanceof MatterEvent.Offered e) {
			return type + " " + e.stage();
		}
		if (event instanceof MatterEvent.Claimed e) {
			return type + " " + e.stage();
		}
		if (event instanceof MatterEvent.Warned e) {
			return type + " " + e.stage();
		}
		if (event instanceof MatterEvent.Urged e) {
			return type + " " + e.stage();
		}
		if (event instanceof MatterEvent.Reviewed e) {
			return type + (e.accepted() ? " accepted" : " sent-back");
		}
		if (event instanceof MatterEvent.Visited e) {
			return type + " " + e.satisfaction();
		}
		if (event instanceof MatterEvent.Evaluated e) {
			return type + " " + e.satisfaction();
		}
		if (event instanceof MatterEvent.Closed e) {
			return type + " " + e.satisfaction();
		}
		if (event instanceof MatterEvent.ReworkStarted e) {
			return type + " " + e.round();
		}
		return type;
	}

	private void doAs(String cadre, Task task, Map<String, Object> input) {
		process.work(task.getId(), cadre, input);
	}

	private Task task(Matter matter, String key) {
		return process.openTasks(matter.trackingNo()).stream().filter(task -> task.getTaskDefinitionKey().equals(key))
			.findFirst().orElseThrow(() -> new AssertionError("no open " + key + " of " + matter.trackingNo()));
	}

	private static Map<String, Object> handled() {
		return Map.of("handlingResult", "resolved", "handlingReply", "已安排养护队修补路面，现已恢复通行");
	}

	private static Map<String, Object> visited(String satisfaction) {
		return Map.of("satisfaction", satisfaction, "resolved", "unsatisfied".equals(satisfaction) ? "no" : "yes",
				"visitNote", "电话回访");
	}

}
