package org.civicloop.variant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.civicloop.matter.Categories;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.model.MatterHandling;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;
import org.w3c.dom.Document;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The guardrails, in one place: every deployment passes them inside the engine ({@link DeploymentGuard}),
 * whatever entrance it came through, and the variants facade asks them before deploying.
 *
 * <p>Rules (the {@code rule} code of each {@link Violation}):
 * <ul>
 * <li>for every deployment, the county's shared ones included: {@code size}, {@code doctype},
 * {@code resource-type}, {@code xml}, {@code element-count}, {@code script}, {@code java-class}, {@code bean},
 * {@code expression}, {@code feel-only};
 * <li>for a deployment into a unit's tenant — a variant — also: {@code tenant} (the unit exists),
 * {@code definition} (only {@code matter-handling}, {@code route-matter}, {@code time-limits} and forms),
 * {@code element}, {@code stage-missing}, {@code stage-order}, {@code stage-bypass}, {@code warning-timer},
 * {@code decision-binding}, {@code form}, {@code decision-inputs}, {@code time-limit}, {@code routing}.
 * </ul>
 * Who may deploy into which tenant is checked by {@link DeploymentGuard}, which knows the caller.
 */
@Component
public class Guardrails {

	static final List<String> BPMN = List.of(".bpmn", ".bpmn20.xml");

	static final List<String> DMN = List.of(".dmn", ".dmn11.xml");

	private static final List<String> OTHER = List.of(".form", ".png", ".svg");

	private final VariantProperties properties;

	private final Directory directory;

	private final Categories categories;

	private final CodeRules codeRules;

	private final DecisionRules decisionRules = new DecisionRules();

	private final ObjectProvider<CountyTables> countyTables;

	private static final ObjectMapper JSON = new ObjectMapper();

	Guardrails(VariantProperties properties, Directory directory, Categories categories, ListableBeanFactory beans,
			ObjectProvider<CountyTables> countyTables) {
		this.properties = properties;
		this.directory = directory;
		this.categories = categories;
		this.countyTables = countyTables;
		Set<String> allowed = Set.copyOf(properties.allowedBeans());
		this.codeRules = new CodeRules(allowed, name -> !allowed.contains(name) && beans.containsBean(name),
				properties.minTimerCycle(), properties.maxInstances());
	}

	/** The beans models may name. */
	Set<String> allowedBeans() {
		return Set.copyOf(properties.allowedBeans());
	}

	/**
	 * Everything wrong with a deployment.
	 * @param resources file name → content
	 * @param tenantId the tenant it goes into; {@code null} for the county's shared deployments
	 */
	public List<Violation> check(Map<String, byte[]> resources, String tenantId) {
		var violations = new ArrayList<Violation>();
		Optional<Unit> unit = tenantId == null ? Optional.empty() : directory.unit(tenantId);
		if (tenantId != null && unit.isEmpty()) {
			violations.add(new Violation("tenant", "-", null, "组织目录中没有单位 " + tenantId));
			return violations;
		}
		var documents = new LinkedHashMap<String, Document>();
		var forms = new TreeSet<String>();
		for (var resource : resources.entrySet()) {
			parse(resource.getKey(), resource.getValue(), tenantId != null, forms, violations).ifPresent(d -> documents.put(resource.getKey(), d));
		}
		if (!violations.isEmpty()) {
			return violations;
		}
		for (var document : documents.entrySet()) {
			String name = document.getKey();
			if (isOf(name, BPMN)) {
				codeRules.checkBpmn(name, document.getValue(), violations);
				if (unit.isPresent()) {
					VariantRules.check(name, document.getValue(), forms, directory.groupsWorkingFor(unit.get().id()), violations);
				}
			}
			else {
				codeRules.checkDmn(name, document.getValue(), violations);
			}
		}
		if (violations.isEmpty() && unit.isPresent()) {
			documents.forEach((name, document) -> {
				if (isOf(name, DMN)) {
					checkUnitTables(name, resources.get(name), unit.get(), violations);
				}
			});
		}
		return violations;
	}

	private Optional<Document> parse(String name, byte[] bytes, boolean variant, Set<String> forms, List<Violation> violations) {
		bytes = bytes == null ? new byte[0] : bytes;
		long limit = properties.maxResourceSize().toBytes();
		if (bytes.length > limit) {
			violations.add(new Violation("size", name, null, "大小为 " + bytes.length + " 字节，单个资源最多 " + limit + " 字节"));
			return Optional.empty();
		}
		String head = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
		if (head.contains("<!DOCTYPE") || head.contains("<!ENTITY")) {
			violations.add(new Violation("doctype", name, null, "含有 DOCTYPE 或实体（ENTITY）声明，CivicLoop 一律不接受"));
			return Optional.empty();
		}
		if (isOf(name, OTHER)) {
			if (name.endsWith(".form")) {
				readForm(name, bytes, violations).ifPresent(forms::add);
			}
			else if (variant) {
				violations.add(new Violation("definition", name, null, "本单位变体只能包含 .bpmn、.dmn 和 .form 文件"));
			}
			return Optional.empty();
		}
		if (!isOf(name, BPMN) && !isOf(name, DMN)) {
			violations.add(new Violation("resource-type", name, null, "CivicLoop 只部署 BPMN（.bpmn）、DMN（.dmn）、Camunda Form 表单（.form）和流程图（.png、.svg）"));
			return Optional.empty();
		}
		Document document;
		try {
			document = Xml.parse(bytes);
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("xml", name, null, "不是格式正确的 XML：" + ex.getMessage()));
			return Optional.empty();
		}
		int[] count = { 0 };
		Xml.walk(document.getDocumentElement(), element -> count[0]++);
		if (count[0] > properties.maxElements()) {
			violations.add(new Violation("element-count", name, null, "包含 " + count[0] + " 个元素，一个模型最多 "
					+ properties.maxElements() + " 个"));
			return Optional.empty();
		}
		return Optional.of(document);
	}

	private Optional<String> readForm(String name, byte[] bytes, List<Violation> violations) {
		try {
			var form = JSON.readTree(bytes);
			FormRules.check(name, form, violations);
			var id = Optional.ofNullable(form.path("id").asText(null)).filter(text -> !text.isBlank());
			if (id.isEmpty()) {
				violations.add(new Violation("form", name, null, "Camunda Form 表单必须有 id"));
			}
			return id;
		}
		catch (java.io.IOException ex) {
			violations.add(new Violation("form", name, null, "不是 Camunda Form 表单（JSON）：" + ex.getMessage().lines().findFirst().orElse("")));
			return Optional.empty();
		}
	}

	/** The id of a Camunda Form, if it has one. */
	static Optional<String> formId(byte[] bytes) throws java.io.IOException {
		return Optional.ofNullable(JSON.readTree(bytes).path("id").asText(null)).filter(id -> !id.isBlank());
	}

	private void checkUnitTables(String name, byte[] bytes, Unit unit, List<Violation> violations) {
		DmnModelInstance model;
		try {
			model = DecisionRules.read(bytes);
		}
		catch (RuntimeException ex) {
			violations.add(new Violation("xml", name, null, "不是有效的 DMN 模型：" + ex.getMessage()));
			return;
		}
		var domain = domain(unit);
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			String key = decision.getId();
			try {
				if (MatterHandling.Decisions.TIME_LIMITS.equals(key)) {
					violations.addAll(decisionRules.checkTimeLimits(name, model, countyTables.getObject().timeLimits(), domain));
				}
				else if (MatterHandling.Decisions.ROUTE_MATTER.equals(key)) {
					violations.addAll(decisionRules.checkRouting(name, model, domain, directory.handlingGroups()));
				}
				else {
					violations.add(new Violation("definition", name, key, "本单位变体只能定义决策表 "
							+ VariantRules.DECISION_KEYS + "，不能定义 " + key));
				}
			}
			catch (RuntimeException ex) {
				violations.add(new Violation("decision-inputs", name, key, "无法对该决策表求值：" + ex.getMessage()));
			}
		}
	}

	DecisionRules decisionRules() {
		return decisionRules;
	}

	/** The inputs a table can meet for the matters of a unit and the units below it. */
	DecisionRules.Domain domain(Unit unit) {
		var places = new ArrayList<DecisionRules.Place>();
		for (Unit under : directory.unitsUnder(unit.id())) {
			places.add(new DecisionRules.Place(under.id(), under.townId(), under.level().code(), null));
			for (String grid : directory.grids(under.id())) {
				places.add(new DecisionRules.Place(under.id(), under.townId(), under.level().code(), grid));
			}
		}
		return new DecisionRules.Domain(categories.all().stream().map(Categories.Category::code).toList(),
				List.copyOf(NewMatter.URGENCIES.keySet()), List.copyOf(new TreeSet<>(NewMatter.TYPES)),
				List.copyOf(new TreeSet<>(NewMatter.CHANNELS)), places);
	}

	static boolean isOf(String name, List<String> suffixes) {
		String lower = name.toLowerCase(Locale.ROOT);
		return suffixes.stream().anyMatch(lower::endsWith);
	}

	/** The county's current tables, the ceilings of every unit's. */
	interface CountyTables {

		/** The county's {@code time-limits}, or {@code null} before any is deployed. */
		DmnModelInstance timeLimits();

	}

}
