package org.civicloop.matter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.matter.model.MatterHandling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.reset;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.civicloop.matter.model.MatterHandling.Tasks.*;
import static org.civicloop.matter.model.MatterHandling.Vars.*;

/**
 * The model {@code processes/matter-handling.bpmn} and its two tables alone, on a bare in-memory engine: every
 * path of the loop in a few seconds, without the application. CivicLoop's delegates are stood in for by
 * small beans that set what the real ones set (the test is about the model's flow, not their work, which the
 * integration tests cover); the tables are the real ones.
 */
class MatterHandlingModelUnitTests {

	private static final Instant MONDAY_9AM = Instant.parse("2026-11-30T01:00:00Z");

	private static ProcessEngine engine;

	/** What the stand-ins were asked to do, in order: the application steps a path passes. */
	private static final List<String> STEPS = new ArrayList<>();

	@BeforeAll
	static void engine() {
		var configuration = (StandaloneInMemProcessEngineConfiguration) ProcessEngineConfiguration
			.createStandaloneInMemProcessEngineConfiguration();
		// its own name: the engines of a JVM are registered by name, and closing a second "default" would
		// unregister the application's engine that tests in the same JVM reach through the REST API
		configuration.setProcessEngineName("matter-handling-model");
		configuration.setJdbcUrl("jdbc:h2:mem:matter-handling-model;DB_CLOSE_DELAY=-1");
		configuration.setJobExecutorActivate(false);
		configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
		configuration.setEnforceHistoryTimeToLive(false);
		configuration.setBeans(new HashMap<>(Map.of("registerMatterDelegate", step("register", MatterHandlingModelUnitTests::register),
				"applyRoutingDelegate", step("route", MatterHandlingModelUnitTests::route),
				"scheduleSignForDelegate", step("schedule sign-for", execution -> {
					schedule(execution, SIGN_FOR_WARN_AT, SIGN_FOR_DUE, 4);
					execution.setVariable(SIGN_FOR_SUPERVISE_AT, Date.from(((Date) execution.getVariable(SIGN_FOR_DUE)).toInstant().plus(Duration.ofDays(1))));
					execution.setVariable(SUPERVISOR, "supervision-office");
				}),
				"scheduleHandlingDelegate", step("schedule handling", execution -> {
					schedule(execution, HANDLE_WARN_AT, HANDLE_DUE, 120);
					execution.setVariable(HANDLE_SUPERVISE_AT, Date.from(((Date) execution.getVariable(HANDLE_DUE)).toInstant().plus(Duration.ofDays(1))));
					execution.setVariable(SUPERVISOR, "supervision-office");
				}),
				"recordDeadlineAlertDelegate", step("alert", execution -> STEPS.add(execution.getVariable("alertKind") + " "
						+ execution.getVariable("alertStage"))),
				"startReworkDelegate", step("rework", execution -> execution.setVariable(REWORK_COUNT,
						((Number) execution.getVariable(REWORK_COUNT)).intValue() + 1)),
				"closeMatterDelegate", step("close", execution -> {
				}))));
		engine = configuration.buildProcessEngine();
		var deployment = engine.getRepositoryService().createDeployment().name("model test");
		for (String file : List.of("processes/matter-handling.bpmn", "processes/route-matter.dmn", "processes/time-limits.dmn")) {
			deployment.addString(Path.of(file).getFileName().toString(), read(file));
		}
		try (var forms = Files.list(Path.of("forms"))) {
			forms.forEach(form -> deployment.addString(form.getFileName().toString(), read(form.toString())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		deployment.deploy();
		init(engine);
	}

	@AfterAll
	static void close() {
		reset();
		engine.close();
	}

	@BeforeEach
	void clock() {
		ClockUtil.setCurrentTime(Date.from(MONDAY_9AM));
		STEPS.clear();
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aSatisfiedMatterPassesEveryStageOnce() {
		ProcessInstance matter = start("road-damage", "qingshi");
		assertThat(matter).isWaitingAt(SIGN_FOR);
		assertThat(task(matter)).hasCandidateGroup("dept-transport");
		complete(matter, "transport.he", Map.of("signForDecision", "sign", "signedBy", "transport.he"));
		assertThat(task(matter)).isAssignedTo("transport.he");
		complete(matter, null, Map.of("handlingResult", "resolved", "handlingReply", "已修复"));
		complete(matter, "dispatcher", Map.of("reviewDecision", "accept"));
		complete(matter, "dispatcher", Map.of("satisfaction", "satisfied", "resolved", "yes"));

		assertThat(matter).isEnded().hasPassedInOrder("task_registerMatter", "rule_routeMatter", "task_applyRouting", "rule_timeLimits",
				"task_scheduleSignFor", SIGN_FOR, "task_scheduleHandling", HANDLE, REVIEW, RETURN_VISIT, "task_closeMatter");
		assertThat(STEPS).containsExactly("register", "route", "schedule sign-for", "schedule handling", "close");
	}

	@Test
	void aReturnGoesToTheDispatchCentreAndBackToSignFor() {
		ProcessInstance matter = start("road-damage", "qingshi");
		complete(matter, "transport.he", Map.of("signForDecision", "return"));
		assertThat(matter).isWaitingAt(REDISPATCH);
		assertThat(task(matter)).hasCandidateGroup("dispatch-centre");
		complete(matter, "dispatcher", Map.of("leadDepartment", "dept-urban"));

		assertThat(matter).isWaitingAt(SIGN_FOR);
		assertThat(task(matter)).hasCandidateGroup("dept-urban");
		assertThat(STEPS).containsExactly("register", "route", "schedule sign-for", "schedule sign-for");
	}

	@Test
	void aSentBackReplyIsHandledAgainWithANewLimit() {
		ProcessInstance matter = signedFor(start("road-damage", "qingshi"));
		complete(matter, null, Map.of("handlingResult", "resolved"));
		complete(matter, "dispatcher", Map.of("reviewDecision", "send-back"));

		assertThat(matter).isWaitingAt(HANDLE);
		assertThat(STEPS).containsExactly("register", "route", "schedule sign-for", "schedule handling", "schedule handling");
	}

	@Test
	void anUnsatisfiedCitizenGetsReworkUntilTheLimitThenTheMatterCloses() {
		ProcessInstance matter = signedFor(start("road-damage", "qingshi"));
		for (int round = 0; round < 3; round++) {
			complete(matter, null, Map.of("handlingResult", "resolved"));
			complete(matter, "dispatcher", Map.of("reviewDecision", "accept"));
			complete(matter, "dispatcher", Map.of("satisfaction", "unsatisfied", "resolved", "no"));
		}

		assertThat(matter).isEnded();
		assertThat(STEPS).filteredOn(step -> step.equals("rework")).hasSize(2);
		assertThat(STEPS).endsWith("close");
	}

	@Test
	void aVillageMattersCoHandlingDepartmentsWorkBesideTheLead() {
		ProcessInstance matter = start("garbage", "shangtang");
		assertThat(task(matter)).hasCandidateGroup("office-qingshi");
		complete(matter, "qingshi.shen", Map.of("signForDecision", "sign", "signedBy", "qingshi.shen"));

		var open = engine.getTaskService().createTaskQuery().processInstanceId(matter.getId()).list();
		assertThat(open).extracting(Task::getTaskDefinitionKey).containsExactlyInAnyOrder(HANDLE, CO_HANDLE);
		assertThat(open.stream().filter(task -> task.getTaskDefinitionKey().equals(CO_HANDLE)).findFirst().orElseThrow())
			.hasCandidateGroup("dept-urban");
		engine.getTaskService().complete(open.stream().filter(task -> task.getTaskDefinitionKey().equals(HANDLE)).findFirst()
			.orElseThrow().getId(), Map.of("handlingResult", "resolved"));
		assertThat(matter).isWaitingAt(CO_HANDLE).isNotWaitingAt(REVIEW);
		complete(matter, "urban.wang", Map.of());

		assertThat(matter).isWaitingAt(REVIEW);
	}

	@Test
	void warningsAndUrgesFireOnTheirTimersAndLeaveTheStepWaiting() {
		ProcessInstance matter = start("road-damage", "qingshi");
		ClockUtil.setCurrentTime(Date.from(MONDAY_9AM.plus(Duration.ofMinutes(181))));
		fireDueTimers(matter);
		ClockUtil.setCurrentTime(Date.from(MONDAY_9AM.plus(Duration.ofMinutes(241))));
		fireDueTimers(matter);

		assertThat(matter).isWaitingAt(SIGN_FOR);
		assertThat(STEPS).containsSubsequence("warning sign-for", "urge sign-for");
	}

	@Test
	void theCitizensOwnRatingCompletesTheReturnVisit() {
		ProcessInstance matter = signedFor(start("road-damage", "qingshi"));
		complete(matter, null, Map.of("handlingResult", "resolved"));
		complete(matter, "dispatcher", Map.of("reviewDecision", "accept"));

		engine.getRuntimeService().createMessageCorrelation(MatterHandling.MESSAGE_CITIZEN_EVALUATION)
			.processInstanceId(matter.getId()).setVariable(SATISFACTION, "satisfied").setVariable(RESOLVED, "yes").correlate();

		assertThat(matter).isEnded().hasPassed("message_citizenEvaluation", "task_closeMatter");
	}

	private static ProcessInstance start(String category, String unit) {
		var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(MatterHandling.PROCESS_KEY)
			.singleResult();
		var decisions = engine.getRepositoryService().createDecisionDefinitionQuery().list();
		Map<String, Object> variables = new HashMap<>();
		variables.put(CATEGORY, category);
		variables.put(URGENCY, "normal");
		variables.put(MATTER_TYPE, "complaint");
		variables.put(CHANNEL, "hotline");
		variables.put(UNIT, unit);
		variables.put(UNIT_LEVEL, unit.equals("qingshi") ? "town" : "village");
		variables.put(TOWN, "qingshi");
		variables.put(GRID_CODE, null);
		for (var decision : decisions) {
			String prefix = decision.getKey().equals(MatterHandling.Decisions.ROUTE_MATTER) ? "routeMatter" : "timeLimits";
			variables.put(prefix + "Version", decision.getVersion());
			variables.put(prefix + "Tenant", null);
		}
		return engine.getRuntimeService().startProcessInstanceById(definition.getId(), "CL-model-test", variables);
	}

	private static ProcessInstance signedFor(ProcessInstance matter) {
		complete(matter, "transport.he", Map.of("signForDecision", "sign", "signedBy", "transport.he"));
		return matter;
	}

	private static Task task(ProcessInstance matter) {
		return engine.getTaskService().createTaskQuery().processInstanceId(matter.getId()).singleResult();
	}

	private static void complete(ProcessInstance matter, String cadre, Map<String, Object> input) {
		Task task = task(matter);
		if (cadre != null && task.getAssignee() == null) {
			engine.getTaskService().claim(task.getId(), cadre);
		}
		engine.getTaskService().complete(task.getId(), input);
	}

	private static void fireDueTimers(ProcessInstance matter) {
		engine.getManagementService().createJobQuery().processInstanceId(matter.getId()).timers().executable().list()
			.forEach(job -> engine.getManagementService().executeJob(job.getId()));
	}

	/** What registration gives the model: the counters it reads later. */
	private static void register(DelegateExecution execution) {
		execution.setVariable(REWORK_COUNT, 0);
		execution.setVariable(MAX_REWORK, 2);
	}

	/** What routing gives the model: the lead and co-handling departments the table chose. */
	@SuppressWarnings("unchecked")
	private static void route(DelegateExecution execution) {
		var rows = (List<Map<String, Object>>) execution.getVariable(ROUTING_DECISION);
		var routing = org.civicloop.routing.Routing.of(rows);
		execution.setVariable(LEAD_DEPARTMENT, routing.lead());
		execution.setVariable(CO_DEPARTMENTS, new ArrayList<>(routing.co()));
	}

	private static void schedule(DelegateExecution execution, String warnAt, String due, int hours) {
		Instant now = ClockUtil.now().toInstant();
		execution.setVariable(warnAt, Date.from(now.plus(Duration.ofHours(hours)).minus(Duration.ofHours(hours).dividedBy(4))));
		execution.setVariable(due, Date.from(now.plus(Duration.ofHours(hours))));
	}

	private static JavaDelegate step(String name, JavaDelegate work) {
		return execution -> {
			if (!name.equals("alert")) {
				STEPS.add(name);
			}
			work.execute(execution);
		};
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
