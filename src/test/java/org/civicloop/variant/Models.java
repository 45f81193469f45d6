package org.civicloop.variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The county's models from {@code processes/}, and the edits a unit makes to them in these tests. */
final class Models {

	static final String PROCESS = "matter-handling.bpmn";

	static final String TIME_LIMITS = "time-limits.dmn";

	static final String ROUTING = "route-matter.dmn";

	private Models() {
	}

	static String process() {
		return read("processes/" + PROCESS);
	}

	static String timeLimits() {
		return read("processes/" + TIME_LIMITS);
	}

	static String routing() {
		return read("processes/" + ROUTING);
	}

	/** An on-site verification (现场核实) by the village committee between handling and review. */
	static String withOnSiteVerification(String process, String committee) {
		String flow = "<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_review\">";
		return replace(replace(process, flow,
				"<bpmn:sequenceFlow id=\"flow_toReview\" sourceRef=\"gateway_joinHandling\" targetRef=\"task_onSiteVerification\">"),
				"</bpmn:process>", """
						    <bpmn:userTask id="task_onSiteVerification" name="现场核实" camunda:candidateGroups="%s" />
						    <bpmn:sequenceFlow id="flow_verified" sourceRef="task_onSiteVerification" targetRef="task_review" />
						  </bpmn:process>""".formatted(committee));
	}

	/** The road-damage sign-for limit (4 hours in the county's table) set to another number of hours. */
	static String withRoadDamageSignFor(String table, int hours) {
		return replace(table, "<outputEntry id=\"rule_limit03_out1\"><text>4</text></outputEntry>",
				"<outputEntry id=\"rule_limit03_out1\"><text>" + hours + "</text></outputEntry>");
	}

	/** Replaces exactly one occurrence, so a test fails loudly when the county model moves on. */
	static String replace(String text, String what, String with) {
		int at = text.indexOf(what);
		if (at < 0 || text.indexOf(what, at + 1) >= 0) {
			throw new IllegalStateException("expected exactly one occurrence of " + what);
		}
		return text.substring(0, at) + with + text.substring(at + what.length());
	}

	static Map<String, byte[]> files(Object... nameAndContent) {
		var files = new LinkedHashMap<String, byte[]>();
		for (int i = 0; i < nameAndContent.length; i += 2) {
			Object content = nameAndContent[i + 1];
			files.put((String) nameAndContent[i], content instanceof byte[] bytes ? bytes : ((String) content).getBytes(StandardCharsets.UTF_8));
		}
		return files;
	}

	/** The county's forms, as a variant deployed through the engine REST API must bring them. */
	static Map<String, byte[]> forms() {
		var forms = new LinkedHashMap<String, byte[]>();
		try (var files = Files.list(Path.of("forms"))) {
			files.sorted().forEach(file -> {
				try {
					forms.put(file.getFileName().toString(), Files.readAllBytes(file));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return forms;
	}

	private static String read(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
