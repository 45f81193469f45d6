package org.civicloop.matter.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.civicloop.CivicLoopTest;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.organization.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff list, which splits "who may see a matter" into one query branch per reason (and per "led by" and
 * "co-handled by" for a department filter), against the plain rule worked out in Java from the matter rows:
 * for callers with every kind of reason, every filter, both sorts and several pages, the same matters in the
 * same order and the same totals. The matters are written for March 2019, which no other test uses, and the
 * co-handling departments are given and moved through {@link Matters} (whose rows the list reads), while the
 * rule here reads the comma list the matter shows. Departments, categories and registering accounts are made up, so
 * that no other test's list holds these matters.
 */
@CivicLoopTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatterListIntegrationTests {

	private static final Instant FROM = Instant.parse("2019-03-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2019-04-01T00:00:00Z");

	private static final List<String> CATEGORIES = List.of("lt-road", "lt-garbage", "lt-noise", "lt-drainage");

	private static final List<String> UNITS = List.of("qinghe", "qingshi", "shangtang", "xiatang", "liuwan", "hebin", "xinqiao");

	private static final List<String> DEPARTMENTS = List.of("lt-dept-a", "lt-dept-b", "lt-dept-c");

	private static final List<String> REGISTRARS = List.of("lt-intake-1", "lt-intake-2", "lt.clerk");

	private static final List<String> STAGES = List.of("closed", "closed", "sign-for", "handle", "review");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Matters matters;

	@Autowired
	MatterQueries queries;

	/**
	 * The demo directory's units as this test's rule reads them, written out here rather than asked of
	 * {@code Directory}, whose answers the list itself uses: a town office sees its town and villages, a village
	 * committee its village; a unit filter takes the unit and the units below it.
	 */
	private static final Map<String, Set<String>> LOCAL_UNITS = Map.of("office-qingshi", Set.of("qingshi", "shangtang", "xiatang"),
			"unit-shangtang", Set.of("shangtang"));

	private static final Map<String, Set<String>> UNITS_UNDER = Map.of("qingshi", Set.of("qingshi", "shangtang", "xiatang"),
			"shangtang", Set.of("shangtang"));

	@BeforeAll
	void writeAMonthOfMatters() {
		if (jdbc.sql("select count(*) from matter where tracking_no like 'LT2019%'").query(Long.class).single() > 0) {
			return;
		}
		var random = new Random(2019);
		for (int i = 0; i < 180; i++) {
			String stage = STAGES.get(random.nextInt(STAGES.size()));
			boolean open = !stage.equals("closed");
			Instant registered = FROM.plusSeconds(i * 7_000L + random.nextInt(5_000));
			Instant due = open ? (random.nextBoolean() ? registered.plusSeconds(86_400) : Instant.parse("2099-01-01T00:00:00Z").plusSeconds(i)) : null;
			String lead = random.nextInt(8) == 0 ? null : DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
			jdbc.sql("""
					insert into matter (tracking_no, public_id, channel, matter_type, category, urgency, description, unit_id, stage,
					                    lead_department, co_departments, registered_at, closed_at, due_at, registered_by)
					values (:no, :publicId, 'hotline', 'complaint', :category, 'normal', '列表测试', :unit, :stage, :lead, '', :registered,
					        :closed, :due, :registrar)""")
				.param("no", "LT2019%06d".formatted(i)).param("publicId", "lt%010d".formatted(i))
				.param("category", CATEGORIES.get(random.nextInt(CATEGORIES.size()))).param("unit", UNITS.get(random.nextInt(UNITS.size())))
				.param("stage", stage).param("lead", lead).param("registered", Timestamp.from(registered))
				.param("closed", open ? null : Timestamp.from(registered.plusSeconds(3 * 86_400)))
				.param("due", due == null ? null : Timestamp.from(due)).param("registrar", REGISTRARS.get(random.nextInt(REGISTRARS.size())))
				.update();
			long id = jdbc.sql("select id from matter where tracking_no = :no").param("no", "LT2019%06d".formatted(i)).query(Long.class).single();
			if (lead != null && random.nextInt(3) == 0) {
				List<String> co = DEPARTMENTS.stream().filter(department -> !department.equals(lead) && random.nextBoolean()).toList();
				matters.handledBy(id, lead, co);
				if (random.nextInt(4) == 0) {
					matters.ledBy(id, DEPARTMENTS.stream().filter(department -> !co.contains(department)).findFirst().orElseThrow());
				}
			}
		}
	}

	@Test
	void everyReasonFilterSortAndPageListsWhatThePlainRuleLists() {
		List<Caller> callers = List.of(caller("dispatcher", "dispatch-centre"), caller("lt.a", "lt-dept-a"), caller("lt.b", "lt-dept-b"),
				caller("qingshi.shen", "office-qingshi"), caller("shangtang.yang", "unit-shangtang"), caller("lt-intake-1", "intake-systems"),
				caller("lt.clerk", "lt-dept-c"));
		List<MatterQueries.Filter> filters = new ArrayList<>();
		for (String department : new String[] { null, "lt-dept-b", "lt-dept-a" }) {
			filters.add(filter(null, department, null, null, null));
			filters.add(filter("qingshi", department, null, null, null));
			filters.add(filter("shangtang", department, null, null, null));
			filters.add(filter(null, department, "handle", null, null));
			filters.add(filter(null, department, null, "lt-garbage", null));
			filters.add(filter(null, department, null, null, true));
			filters.add(filter(null, department, null, null, false));
		}
		int compared = 0;
		for (Caller caller : callers) {
			for (MatterQueries.Filter filter : filters) {
				for (var sort : List.of(new MatterQueries.Sort("registered_at", true), new MatterQueries.Sort("due_at", false))) {
					if (sort.column().equals("due_at") && filter.stage() == null && !Boolean.TRUE.equals(filter.overdue())) {
						continue;
					}
					List<Row> expected = expected(caller, filter, sort);
					List<Long> listed = new ArrayList<>();
					for (int page = 0; page < 3; page++) {
						var result = queries.list(caller, filter, page, 4, sort);
						assertThat(result.total()).as("%s %s", caller.user(), filter).isEqualTo(expected.size());
						result.items().stream().map(Matter::id).forEach(listed::add);
					}
					assertThat(listed).as("%s %s %s", caller.user(), filter, sort)
						.containsExactlyElementsOf(expected.stream().limit(12).map(Row::id).toList());
					compared += expected.isEmpty() ? 0 : 1;
				}
			}
		}
		assertThat(compared).as("lists that held something").isGreaterThan(150);
	}

	@Test
	void aCoHandlingRowFollowsItsMattersLead() {
		long id = jdbc.sql("select id from matter where tracking_no = 'LT2019000000'").query(Long.class).single();
		String lead = jdbc.sql("select coalesce(lead_department, 'lt-dept-c') from matter where id = :id").param("id", id).query(String.class).single();
		matters.handledBy(id, lead, List.of("lt-dept-d"));
		matters.ledBy(id, "lt-dept-e");
		var row = jdbc.sql("select lead_department, unit_id, registered_at from matter_co_department where matter_id = :id and department = 'lt-dept-d'")
			.param("id", id).query().singleRow();
		assertThat(row.get("lead_department")).isEqualTo("lt-dept-e");
		assertThat(row.get("unit_id")).isEqualTo(jdbc.sql("select unit_id from matter where id = :id").param("id", id).query(String.class).single());
		assertThat(((Timestamp) row.get("registered_at")).toInstant())
			.isEqualTo(jdbc.sql("select registered_at from matter where id = :id").param("id", id).query(Timestamp.class).single().toInstant());
		var water = queries.list(caller("lt.d", "lt-dept-d"), filter(null, "lt-dept-e", null, null, null), 0, 100,
				new MatterQueries.Sort("registered_at", true));
		assertThat(water.items()).extracting(Matter::id).containsExactly(id);
	}

	private List<Row> expected(Caller caller, MatterQueries.Filter filter, MatterQueries.Sort sort) {
		Set<String> localUnits = caller.groups().stream().flatMap(group -> LOCAL_UNITS.getOrDefault(group, Set.of()).stream())
			.collect(java.util.stream.Collectors.toSet());
		Predicate<Row> visible = row -> caller.seesAllMatters() || caller.user().equals(row.registrar())
				|| (row.lead() != null && caller.groups().contains(row.lead())) || row.co().stream().anyMatch(caller.groups()::contains) || localUnits.contains(row.unit());
		Predicate<Row> passes = row -> (filter.unit() == null || UNITS_UNDER.get(filter.unit()).contains(row.unit()))
				&& (filter.department() == null || filter.department().equals(row.lead()) || row.co().contains(filter.department()))
				&& (filter.stage() == null || filter.stage().equals(row.stage()))
				&& (filter.category() == null || filter.category().equals(row.category()))
				&& (filter.overdue() == null || filter.overdue() == (row.closed() == null && row.due() != null && row.due().isBefore(Instant.now())));
		Comparator<Row> order = sort.column().equals("registered_at") ? Comparator.comparing(Row::registered) : Comparator.comparing(Row::due);
		order = order.thenComparing(Row::id);
		return rows().stream().filter(visible.and(passes)).sorted(sort.descending() ? order.reversed() : order).toList();
	}

	private List<Row> rows() {
		return jdbc.sql("select * from matter where tracking_no like 'LT2019%'").query((rs, n) -> new Row(rs.getLong("id"), rs.getString("unit_id"),
				rs.getString("lead_department"), rs.getString("co_departments") == null || rs.getString("co_departments").isEmpty() ? List.of()
						: Arrays.asList(rs.getString("co_departments").split(",")),
				rs.getString("registered_by"), rs.getString("stage"), rs.getString("category"), instant(rs.getTimestamp("registered_at")),
				instant(rs.getTimestamp("closed_at")), instant(rs.getTimestamp("due_at")))).list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static MatterQueries.Filter filter(String unit, String department, String stage, String category, Boolean overdue) {
		return new MatterQueries.Filter(unit, department, stage, category, overdue, FROM, TO);
	}

	private static Caller caller(String user, String group) {
		return new Caller(user, Set.of(group));
	}

	private record Row(long id, String unit, String lead, List<String> co, String registrar, String stage, String category, Instant registered,
			Instant closed, Instant due) {
	}

}
