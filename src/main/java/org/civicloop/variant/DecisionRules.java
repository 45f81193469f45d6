package org.civicloop.variant;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.civicloop.calendar.LimitUnit;
import org.civicloop.calendar.TimeLimit;
import org.civicloop.matter.model.MatterHandling;

/**
 * Checks of the two tables a unit may override, by evaluating them — on a standalone DMN engine, the
 * one the process engine embeds — for every combination of the inputs they read: {@code time-limits}
 * must give a positive limit no looser than the county's for every combination, {@code route-matter}
 * exactly one known lead department.
 *
 * <p>Evaluation is exact only when every input comes from a finite set, so a variant's table may read
 * only the variables listed in {@link Domain}; a table that reads anything else is refused.
 */
final class DecisionRules {

	private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");

	/** FEEL's own words and the built-in functions a table reasonably uses. */
	private static final Set<String> FEEL_WORDS = Set.of("if", "then", "else", "null", "and", "or", "not", "true",
			"false", "in", "between", "instance", "of", "some", "every", "satisfies", "for", "return", "starts", "with",
			"ends", "contains", "string", "length", "upper", "lower", "case", "substring", "number", "matches", "cellInput");

	private static final ThreadLocal<List<String>> MATCHED = new ThreadLocal<>();

	private final DmnEngine engine;

	DecisionRules() {
		var configuration = org.civicloop.system.PlainFeel.dmnConfiguration();
		configuration.customPostDecisionTableEvaluationListeners(List.of(DecisionRules::remember));
		this.engine = configuration.buildEngine();
	}

	/** The values a table's inputs may take for the matters of one unit and the units below it. */
	record Domain(List<String> categories, List<String> urgencies, List<String> matterTypes, List<String> channels,
			List<Place> places) {

		static final Set<String> TIME_LIMIT_VARIABLES = Set.of("category", "urgency", "matterType", "channel");

		static final Set<String> ROUTING_VARIABLES = Set.of("category", "urgency", "matterType", "channel", "unit",
				"town", "unitLevel", "gridCode");

	}

	/** Where a matter can be: its unit, town, level and one of its grid cells (or none). */
	record Place(String unit, String town, String unitLevel, String gridCode) {
	}

	static DmnModelInstance read(byte[] bytes) {
		return Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
	}

	/** Names a table reads besides its own words: input expressions and entries, output entries. */
	static Set<String> namesRead(DmnModelInstance model) {
		var texts = new ArrayList<String>();
		model.getModelElementsByType(InputExpression.class).forEach(input -> texts.add(input.getTextContent()));
		model.getModelElementsByType(InputEntry.class).forEach(entry -> texts.add(entry.getTextContent()));
		model.getModelElementsByType(OutputEntry.class).forEach(entry -> texts.add(entry.getTextContent()));
		var names = new LinkedHashSet<String>();
		for (String text : texts) {
			var matcher = NAME.matcher(STRING_LITERAL.matcher(text == null ? "" : text).replaceAll(" "));
			while (matcher.find()) {
				if (!FEEL_WORDS.contains(matcher.group())) {
					names.add(matcher.group());
				}
			}
		}
		return names;
	}

	/** Every limit of the unit's table against the county's, rule by rule. */
	List<Violation> checkTimeLimits(String resource, DmnModelInstance unitTable, DmnModelInstance countyTable, Domain domain) {
		var violations = new ArrayList<Violation>();
		if (!readsOnly(resource, unitTable, Domain.TIME_LIMIT_VARIABLES, violations)) {
			return violations;
		}
		DmnDecision unit = engine.parseDecision(MatterHandling.Decisions.TIME_LIMITS, unitTable);
		DmnDecision county = countyTable == null ? null : engine.parseDecision(MatterHandling.Decisions.TIME_LIMITS, countyTable);
		var byRule = new LinkedHashMap<String, Violation>();
		for (Map<String, Object> variables : combinations(domain, namesRead(unitTable), null)) {
			var evaluated = evaluate(unit, variables);
			var ceiling = county == null ? null : evaluate(county, variables);
			String rule = evaluated.rules().isEmpty() ? null : evaluated.rules().get(0);
			String where = describe(variables);
			if (evaluated.results().isEmpty()) {
				byRule.putIfAbsent("none:" + where, new Violation("time-limit", resource, null,
						"对于 " + where + "，没有任何规则给出时限"));
				continue;
			}
			for (String stage : MatterHandling.Limits.STAGES) {
				var row = evaluated.results().get(0);
				TimeLimit limit = limitOf(row, stage);
				TimeLimit ceilingLimit = ceiling == null || ceiling.results().isEmpty() ? null : limitOf(ceiling.results().get(0), stage);
				if (limit == null) {
					byRule.putIfAbsent(rule + stage, new Violation("time-limit", resource, rule, MatterHandling.Limits.amount(stage)
							+ " 必须是正整数，" + MatterHandling.Limits.unit(stage) + " 必须是 "
							+ java.util.Arrays.toString(LimitUnit.values()) + " 之一；对于 " + where + "，表中给出的是 " + shown(row, stage)));
				}
				else if (ceilingLimit != null && !limit.notLooserThan(ceilingLimit)) {
					byRule.putIfAbsent(rule + stage, new Violation("time-limit", resource, rule, "对于 " + where + "，" + stage + " 时限 " + limit
							+ " 比县级上限 " + ceilingLimit + " 更宽松"
							+ (limit.unit().days() != ceilingLimit.unit().days() ? "（请按县级的计量单位“"
									+ (ceilingLimit.unit().days() ? "天" : "小时") + "”填写）" : "")));
				}
			}
		}
		violations.addAll(byRule.values());
		return violations;
	}

	private static TimeLimit limitOf(Map<String, Object> row, String stage) {
		return TimeLimit.of(row.get(MatterHandling.Limits.amount(stage)), row.get(MatterHandling.Limits.unit(stage)));
	}

	/** A stage's limit as a table's result gives it, such as {@code 4 WORKING_HOURS}. */
	private static String shown(Map<String, Object> row, String stage) {
		return row.get(MatterHandling.Limits.amount(stage)) + " " + row.get(MatterHandling.Limits.unit(stage));
	}

	/** Routing must name exactly one lead, and only departments the directory knows, for every matter of the unit. */
	List<Violation> checkRouting(String resource, DmnModelInstance unitTable, Domain domain, Set<String> knownGroups) {
		var violations = new ArrayList<Violation>();
		if (!readsOnly(resource, unitTable, Domain.ROUTING_VARIABLES, violations)) {
			return violations;
		}
		DmnDecision decision = engine.parseDecision(MatterHandling.Decisions.ROUTE_MATTER, unitTable);
		var found = new LinkedHashMap<String, Violation>();
		for (Map<String, Object> variables : combinations(domain, namesRead(unitTable), domain.places())) {
			var evaluated = evaluate(decision, variables);
			long leads = evaluated.results().stream().filter(row -> "lead".equals(row.get("role"))).count();
			String where = describe(variables);
			if (leads != 1) {
				found.putIfAbsent("leads:" + variables.get("category"), new Violation("routing", resource,
						evaluated.rules().isEmpty() ? null : String.join(",", evaluated.rules()),
						"对于 " + where + "，给出了 " + leads + " 个牵头部门，必须恰好一个"));
			}
			for (var row : evaluated.results()) {
				Object department = row.get("department");
				if (department == null || !knownGroups.contains(department.toString())) {
					found.putIfAbsent("unknown:" + department, new Violation("routing", resource,
							String.join(",", evaluated.rules()), "指定的 " + department
									+ " 不是组织目录中的部门、镇办公室或村委会（"
									+ where + "）"));
				}
			}
		}
		violations.addAll(found.values());
		return violations;
	}

	/** Inputs for which two {@code time-limits} tables give different limits, and the limits each gives. */
	record TimeLimitChange(Map<String, Object> inputs, @JsonInclude(JsonInclude.Include.NON_NULL) Limit signFor,
			@JsonInclude(JsonInclude.Include.NON_NULL) Limit handle) {
	}

	/** One limit as the earlier and the later table give it, such as {@code 4 WORKING_HOURS} ("null" where a table gives none). */
	record Limit(String before, String after) {

		static Limit of(List<Map<String, Object>> before, List<Map<String, Object>> after, String stage) {
			String from = before.isEmpty() ? null : shown(before.get(0), stage);
			String to = after.isEmpty() ? null : shown(after.get(0), stage);
			return java.util.Objects.equals(from, to) ? null : new Limit(String.valueOf(from), String.valueOf(to));
		}

	}

	/** Where two {@code time-limits} tables give different limits, combination by combination. */
	List<TimeLimitChange> compareTimeLimits(DmnModelInstance before, DmnModelInstance after, Domain domain) {
		var read = new LinkedHashSet<>(namesRead(before));
		read.addAll(namesRead(after));
		read.retainAll(Domain.TIME_LIMIT_VARIABLES);
		DmnDecision was = engine.parseDecision(MatterHandling.Decisions.TIME_LIMITS, before);
		DmnDecision is = engine.parseDecision(MatterHandling.Decisions.TIME_LIMITS, after);
		var changes = new ArrayList<TimeLimitChange>();
		for (Map<String, Object> variables : combinations(domain, read, null)) {
			var old = evaluate(was, variables).results();
			var now = evaluate(is, variables).results();
			var change = new TimeLimitChange(new java.util.TreeMap<>(variables), Limit.of(old, now, MatterHandling.Limits.SIGN_FOR),
					Limit.of(old, now, MatterHandling.Limits.HANDLE));
			if (change.signFor() != null || change.handle() != null) {
				changes.add(change);
			}
		}
		return changes;
	}

	private boolean readsOnly(String resource, DmnModelInstance table, Set<String> allowed, List<Violation> violations) {
		var unknown = new LinkedHashSet<>(namesRead(table));
		unknown.removeAll(allowed);
		if (!unknown.isEmpty()) {
			violations.add(new Violation("decision-inputs", resource, null, "本单位的决策表只能读取 " + new java.util.TreeSet<>(allowed)
					+ "，以便针对每种诉求逐一检查；但它还读取了 " + unknown));
			return false;
		}
		return true;
	}

	/** Every combination of the variables a table reads; the others stay unset. */
	private static List<Map<String, Object>> combinations(Domain domain, Set<String> read, List<Place> places) {
		List<Map<String, Object>> all = new ArrayList<>();
		all.add(new HashMap<>());
		all = multiply(all, "category", domain.categories(), read);
		all = multiply(all, "urgency", domain.urgencies(), read);
		all = multiply(all, "matterType", domain.matterTypes(), read);
		all = multiply(all, "channel", domain.channels(), read);
		if (places != null) {
			var withPlaces = new ArrayList<Map<String, Object>>();
			var seen = new java.util.HashSet<Map<String, Object>>();
			for (var combination : all) {
				for (Place place : places) {
					var next = new HashMap<>(combination);
					put(next, "unit", place.unit(), read);
					put(next, "town", place.town(), read);
					put(next, "unitLevel", place.unitLevel(), read);
					put(next, "gridCode", place.gridCode(), read);
					if (seen.add(next)) {
						withPlaces.add(next);
					}
				}
			}
			all = withPlaces;
		}
		return all;
	}

	private static List<Map<String, Object>> multiply(List<Map<String, Object>> all, String name, List<String> values,
			Set<String> read) {
		if (!read.contains(name)) {
			return all;
		}
		var next = new ArrayList<Map<String, Object>>();
		for (var combination : all) {
			for (String value : values) {
				var extended = new HashMap<>(combination);
				extended.put(name, value);
				next.add(extended);
			}
		}
		return next;
	}

	private static void put(Map<String, Object> variables, String name, String value, Set<String> read) {
		if (read.contains(name)) {
			variables.put(name, value);
		}
	}

	private static String describe(Map<String, Object> variables) {
		return new java.util.TreeMap<>(variables).toString();
	}

	private record Evaluated(List<Map<String, Object>> results, List<String> rules) {
	}

	private Evaluated evaluate(DmnDecision decision, Map<String, Object> variables) {
		var rules = new ArrayList<String>();
		MATCHED.set(rules);
		try {
			return new Evaluated(engine.evaluateDecisionTable(decision, variables).getResultList(), rules);
		}
		finally {
			MATCHED.remove();
		}
	}

	private static void remember(DmnDecisionTableEvaluationEvent event) {
		List<String> rules = MATCHED.get();
		if (rules != null) {
			for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
				rules.add(rule.getId());
			}
		}
	}

}
