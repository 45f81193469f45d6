package org.civicloop.assessment;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;

import static org.civicloop.matter.model.MatterHandling.Tasks.*;

/**
 * Five matters in 青石镇 walked through the real loop from a Monday 09:00, the engine clock left on Thursday:
 * A signed, handled, satisfied; B returned by transport, re-dispatched to urban management, basically satisfied;
 * C unsatisfied, reworked, then satisfied by the citizen's own rating; D a village's matter, led by the town
 * office, warned and urged at sign-for, signed late, in handling; E left at sign-for past its limit.
 */
final class AWeekOfMatters {

	final Matter a;

	final Matter b;

	final Matter c;

	final Matter d;

	final Matter e;

	private final MatterProcess process;

	private final Instant thursday;

	AWeekOfMatters(Instant monday, MatterProcess process, RuntimeService runtime, ManagementService management) {
		this.process = process;
		this.thursday = monday.plus(Duration.ofDays(3));
		ClockUtil.setCurrentTime(Date.from(monday));
		a = process.register(roadDamage(), "operator");
		work("transport.he", a, SIGN_FOR, Map.of("signForDecision", "sign"));
		work("transport.he", a, HANDLE, handled());
		work("dispatcher", a, REVIEW, Map.of("reviewDecision", "accept"));
		work("dispatcher", a, RETURN_VISIT, visited("satisfied"));

		b = process.register(roadDamage(), "operator");
		work("transport.he", b, SIGN_FOR, Map.of("signForDecision", "return", "returnReason", "not-our-function", "returnNote", "应由城管负责"));
		work("dispatcher", b, REDISPATCH, Map.of("leadDepartment", "dept-urban", "redispatchNote", "改派城管"));
		work("urban.wang", b, SIGN_FOR, Map.of("signForDecision", "sign"));
		work("urban.wang", b, HANDLE, handled());
		work("dispatcher", b, REVIEW, Map.of("reviewDecision", "accept"));
		work("dispatcher", b, RETURN_VISIT, visited("basically-satisfied"));

		c = process.register(roadDamage(), "operator");
		work("transport.he", c, SIGN_FOR, Map.of("signForDecision", "sign"));
		work("transport.he", c, HANDLE, handled());
		work("dispatcher", c, REVIEW, Map.of("reviewDecision", "accept"));
		work("dispatcher", c, RETURN_VISIT, visited("unsatisfied"));
		work("transport.he", c, HANDLE, handled());
		work("dispatcher", c, REVIEW, Map.of("reviewDecision", "accept"));
		process.evaluate(c.trackingNo(), "satisfied", true, "修好了");

		e = process.register(roadDamage(), "operator");
		d = process.register(new NewMatter("wechat", "complaint", "garbage", "normal", "村口垃圾三天无人清运", "shangtang", "上塘村村口",
				"QS-ST-01", new Contact("钱七", "13600002222")), "operator");
		clockOnThursday();
		String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(d.trackingNo()).singleResult().getId();
		management.createJobQuery().processInstanceId(instance).timers().executable().list().stream()
			.sorted(Comparator.comparing(Job::getDuedate)).forEach(job -> management.executeJob(job.getId()));
		Task signFor = task(d, SIGN_FOR);
		process.work(signFor.getId(), process.cadresFor(signFor).get(0), Map.of("signForDecision", "sign"));
	}

	/** The engine's clock on the week's Thursday, where the week leaves it. */
	void clockOnThursday() {
		ClockUtil.setCurrentTime(Date.from(thursday));
	}

	/**
	 * Takes D and E around the rest of the loop, satisfied, so that nothing of this week stays owed — and overdue —
	 * for a test that comes later and counts the matters overdue at its own moment; then the clock back to real time.
	 */
	void finish() {
		var inputs = Map.of(SIGN_FOR, Map.<String, Object>of("signForDecision", "sign"), HANDLE, handled(), REVIEW,
				Map.<String, Object>of("reviewDecision", "accept"), RETURN_VISIT, visited("satisfied"));
		for (Matter matter : java.util.List.of(d, e)) {
			for (Task next = next(matter, inputs.keySet()); next != null; next = next(matter, inputs.keySet())) {
				String cadre = next.getAssignee() != null ? next.getAssignee() : process.cadresFor(next).get(0);
				process.work(next.getId(), cadre, inputs.get(next.getTaskDefinitionKey()));
			}
		}
		ClockUtil.reset();
	}

	private Task next(Matter matter, java.util.Set<String> keys) {
		return process.openTasks(matter.trackingNo()).stream().filter(task -> keys.contains(task.getTaskDefinitionKey())).findFirst()
			.orElse(null);
	}

	private void work(String cadre, Matter matter, String task, Map<String, Object> input) {
		process.work(task(matter, task).getId(), cadre, input);
	}

	private Task task(Matter matter, String key) {
		return process.openTasks(matter.trackingNo()).stream().filter(task -> task.getTaskDefinitionKey().equals(key)).findFirst()
			.orElseThrow(() -> new AssertionError("no open " + key + " of " + matter.trackingNo()));
	}

	private static NewMatter roadDamage() {
		return new NewMatter("hotline", "complaint", "road-damage", "normal", "镇区主干道出现大坑，夜间容易出事故", "qingshi", "青石镇中心路", null,
				new Contact("赵六", "13700001111"));
	}

	private static Map<String, Object> handled() {
		return Map.of("handlingResult", "resolved", "handlingReply", "已安排养护队修补路面，现已恢复通行");
	}

	private static Map<String, Object> visited(String satisfaction) {
		return Map.of("satisfaction", satisfaction, "resolved", "unsatisfied".equals(satisfaction) ? "no" : "yes", "visitNote", "电话回访");
	}

}
