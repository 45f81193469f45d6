package org.civicloop.matter.engine;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.civicloop.matter.Contact;
import org.civicloop.matter.Matter;
import org.civicloop.matter.MatterProperties;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.model.MatterHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo matters in several stages, so that a first look at Tasklist is not empty. Started only when
 * {@code civicloop.matter.demo-matters} is above zero and there are no matters yet; every one goes
 * through {@link MatterProcess} and the real process, acted on by the demo cadres.
 */
@Component
@Order(30)
class DemoMatters implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoMatters.class);

	static final List<NewMatter> SAMPLES = List.of(
			sample("hotline", "complaint", "road-damage", "urgent", "人民路与建设路交叉口路面塌陷，已有车辆受损", "qinghe", "人民路与建设路交叉口", "QH-URB-01"),
			sample("wechat", "help", "street-light", "normal", "河滨社区3号楼前路灯连续一周不亮，夜间出行不便", "hebin", "河滨社区3号楼", "LW-HB-01"),
			sample("hotline", "complaint", "garbage", "normal", "上塘村村口垃圾桶满溢三天无人清运", "shangtang", "上塘村村口", "QS-ST-01"),
			sample("mini-program", "complaint", "noise", "normal", "夜间十点后工地仍在施工，噪声很大", "qinghe", "建设路18号工地", "QH-URB-02"),
			sample("walk-in", "help", "elderly-help", "normal", "独居老人需要办理居家养老服务", "xinqiao", "新桥社区5组", "LW-XQ-01"),
			sample("hotline", "complaint", "wage-arrears", "urgent", "某建筑工地拖欠十二名工人三个月工资", "qingshi", "青石镇工业园", null),
			sample("grid-patrol", "complaint", "pollution", "normal", "下塘村河道发现不明排污口，水体发黑", "xiatang", "下塘村河道", "QS-XT-01"),
			sample("hotline", "consultation", "water-supply", "critical", "柳湾街道新华路片区全部停水，无通知", "liuwan", "新华路片区", null));

	private final MatterProcess process;

	private final Matters matters;

	private final MatterProperties properties;

	DemoMatters(MatterProcess process, Matters matters, MatterProperties properties) {
		this.process = process;
		this.matters = matters;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (properties.demoMatters() <= 0 || matters.count() > 0) {
			return;
		}
		for (int i = 0; i < properties.demoMatters(); i++) {
			Matter matter = process.register(SAMPLES.get(i % SAMPLES.size()), "operator");
			advance(matter.trackingNo(), i % 5);
		}
		log.info("Started {} demo matters", properties.demoMatters());
	}

	/** 0 leaves the matter at sign-for; 1 signs for it; 2 returns it; 3 handles it; 4 passes review. */
	private void advance(String trackingNo, int steps) {
		if (steps == 0) {
			return;
		}
		Task signFor = only(trackingNo, MatterHandling.Tasks.SIGN_FOR);
		String cadre = firstCadreOf(signFor);
		if (steps == 2) {
			process.work(signFor.getId(), cadre, Map.of("signForDecision", "return", "returnReason", "not-our-function",
					"returnNote", "该事项不属于本部门职能，请改派"));
			return;
		}
		process.work(signFor.getId(), cadre, Map.of("signForDecision", "sign"));
		if (steps == 1) {
			return;
		}
		for (Task coHandle : process.openTasks(trackingNo)) {
			if (coHandle.getTaskDefinitionKey().equals(MatterHandling.Tasks.CO_HANDLE)) {
				process.work(coHandle.getId(), firstCadreOf(coHandle), Map.of("coHandlingReply", "已配合现场核查，意见已反馈牵头部门"));
			}
		}
		process.work(only(trackingNo, MatterHandling.Tasks.HANDLE).getId(), cadre, Map.of("handlingResult", "resolved",
				"handlingReply", "已安排人员到现场处理，问题已解决，并电话告知群众"));
		if (steps == 4) {
			process.work(only(trackingNo, MatterHandling.Tasks.REVIEW).getId(), "dispatcher",
					Map.of("reviewDecision", "accept"));
		}
	}

	private Task only(String trackingNo, String taskKey) {
		return process.openTasks(trackingNo).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey)).findFirst()
			.orElseThrow(() -> new IllegalStateException("Demo matter " + trackingNo + " is not at " + taskKey));
	}

	private String firstCadreOf(Task task) {
		return process.cadresFor(task).stream().findFirst()
			.orElseThrow(() -> new IllegalStateException("No cadre can work on " + task.getTaskDefinitionKey()));
	}

	/** A walk-in matter is registered by the desk's operator on the resident's behalf, and names them. */
	private static NewMatter sample(String channel, String type, String category, String urgency, String description,
			String unit, String address, String grid) {
		return new NewMatter(channel, type, category, urgency, description, unit, address, grid,
				new Contact("张女士", "13800000000"), null, null, "walk-in".equals(channel) ? "operator" : null, List.of());
	}

}
