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
	 */
	record Case(String name, Map<String, byte[]> files, String rule) {

		@Override
		public String toString() {
			return name;
		}

	}

	private MaliciousModels() {
	}

	static List<Case> all() {
		String p = process();
		var cases = new ArrayList<Case>();
		cases.add(bpmn("a script task", replace(p,
				"<bpmn:serviceTask id=\"task_closeMatter\" name=\"办结归档\" camunda:delegateExpression=\"${closeMatterDelegate}\">",
				"<bpmn:scriptTask id=\"task_closeMatter\" name=\"办结归档\" scriptFormat=\"groovy\"><bpmn:script>'rm -rf /'.execute()</bpmn:script>")
			.replace("    </bpmn:serviceTask>\n    <bpmn:endEvent id=\"endEvent_matterClosed\"", "    </bpmn:scriptTask>\n    <bpmn:endEvent id=\"endEvent_matterClosed\""),
				"script"));
		cases.add(bpmn("a Groovy execution listener", replace(p, "<camunda:taskListener delegateExpression=\"${recordSignerDelegate}\" event=\"complete\" />",
				"<camunda:taskListener delegateExpression=\"${recordSignerDelegate}\" event=\"complete\" />"
						+ "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"groovy\">System.exit(0)</camunda:script></camunda:executionListener>"),
				"script"));
		cases.add(bpmn("camunda:class on a service task", replace(p, "camunda:delegateExpression=\"${closeMatterDelegate}\"",
				"camunda:class=\"org.civicloop.matter.CloseMatterDelegate\""), "java-class"));
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
		return cases;
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
