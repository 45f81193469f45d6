package org.civicloop.matter.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.model.VisibleMatters;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Unit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Staff reads of matters, always within what the caller may see: the county-wide roles everything; a
 * department the matters it leads or co-handles; a town office the matters of its town and villages (and
 * those it handles); a village committee its village's; an intake system the matters it registered.
 */
@Repository
public class MatterQueries implements VisibleMatters {

	private final JdbcClient jdbc;

	private final Directory directory;

	private final java.time.Clock clock;

	MatterQueries(JdbcClient jdbc, Directory directory, java.time.Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.directory = directory;
	}

	/** Filters of a matter list; every one may be absent. */
	public record Filter(String unit, String department, String stage, String category, Boolean overdue, Instant from,
			Instant to) {
	}

	/**
	 * One page of matters and how many match in all — counted up to {@link #COUNTED}: when more match,
	 * {@code total} is that number and {@code totalCapped} says there are more (a count over a million rows
	 * would cost more than the page itself).
	 */
	public record Page(List<Matter> items, int page, int size, long total, boolean totalCapped) {
	}

	/** How many matching matters a list counts at most. */
	public static final int COUNTED = 10_000;

	/** The matter with this tracking number, if the caller may see it: by the same reasons as the list. */
	@Override
	public Optional<Matter> visible(Caller caller, String trackingNo) {
		Map<String, Object> params = new HashMap<>();
		params.put("no", trackingNo);
		List<String> byNumber = List.of("m.tracking_no = :no");
		String visible = reasonsToSee(caller, params).stream().map(branch -> branch.ids(byNumber)).collect(Collectors.joining(" union "));
		return jdbc.sql("select * from matter where id in (" + visible + ")").params(params).query(Matters::map).optional();
	}

	/** The order of a list: by registration or due time ({@code registered_at}, {@code due_at}), ties by id the same way. */
	public record Sort(String column, boolean descending) {

		public Sort {
			if (!column.equals("registered_at") && !column.equals("due_at")) {
				throw new IllegalArgumentException("No sort by " + column);
			}
		}

	}

	/**
	 * A page of the matters the caller may see that pass the filter. Each reason to see a matter (see every
	 * matter; led by one's department, co-handled by it, in one's town or village, registered by oneself) is a
	 * branch of its own, and with a department filter each branch splits again into "led by" and "co-handled
	 * by" that department: each branch is a conjunction the database answers from one index — one condition
	 * joined by {@code or} would be checked matter by matter. The page takes ids and sort keys from every branch,
	 * merges them, and only then reads the page's rows; the count takes ids only, from the indexes alone where
	 * they hold every column asked about (V8, V9, V20; measured with bench/growth.sh).
	 */
	public Page list(Caller caller, Filter filter, int page, int size, Sort sort) {
		Map<String, Object> params = new HashMap<>();
		List<Branch> branches = reasonsToSee(caller, params);
		if (filter.department() != null) {
			params.put("filterDept", filter.department());
			branches = branches.stream().flatMap(branch -> Stream.of(branch.ledByFilterDepartment(), branch.coHandledByFilterDepartment())).toList();
		}
		List<String> filters = filters(filter, params);
		// Limits written as numbers: H2 mixed up the same parameter in the branches of a union.
		long upTo = (long) (page + 1) * size;
		String direction = sort.descending() ? " desc" : " asc";
		String counted = branches.stream().map(branch -> "(" + branch.ids(filters) + " limit " + (COUNTED + 1) + ")").collect(Collectors.joining(" union "));
		long total = jdbc.sql("select count(*) from (" + counted + ") matching").params(params).query(Long.class).single();
		String keyed = branches.stream()
			.map(branch -> "(" + branch.idsAndKeys(filters, sort.column(), direction) + " limit " + upTo + ")")
			.collect(Collectors.joining(" union "));
		List<Long> ids = jdbc.sql("select id from (" + keyed + ") keyed order by sort_key" + direction + ", id" + direction
				+ " limit " + size + " offset " + (upTo - size)).params(params).query(Long.class).list();
		List<Matter> items = new ArrayList<>(ids.size());
		if (!ids.isEmpty()) {
			Map<Long, Matter> rows = jdbc.sql("select * from matter where id in (:ids)").param("ids", ids).query(Matters::map).list()
				.stream().collect(Collectors.toMap(Matter::id, matter -> matter));
			ids.stream().map(rows::get).filter(java.util.Objects::nonNull).forEach(items::add);
		}
		return new Page(items, page, size, Math.min(total, COUNTED), total > COUNTED);
	}

	/** The reasons the caller may see a matter, one branch each. */
	private List<Branch> reasonsToSee(Caller caller, Map<String, Object> params) {
		if (caller.seesAllMatters()) {
			return List.of(new Branch(null, List.of(), List.of()));
		}
		List<Branch> reasons = new ArrayList<>();
		params.put("visUser", caller.user());
		reasons.add(new Branch(null, List.of(), List.of("m.registered_by = :visUser")));
		if (!caller.groups().isEmpty()) {
			params.put("visGroups", caller.groups());
			reasons.add(new Branch(null, List.of("lead_department in (:visGroups)"), List.of()));
			reasons.add(new Branch("c.department in (:visGroups)", List.of(), List.of()));
		}
		Set<String> units = directory.unitsOfLocalOffices(caller.groups());
		if (!units.isEmpty()) {
			params.put("visUnits", units);
			reasons.add(new Branch(null, List.of("unit_id in (:visUnits)"), List.of()));
		}
		return reasons;
	}

	/** The list's filters other than the department, as conditions on the matter {@code m}. */
	private List<String> filters(Filter filter, Map<String, Object> params) {
		List<String> where = new ArrayList<>();
		if (filter.unit() != null) {
			params.put("filterUnits", directory.unitsUnder(filter.unit()).stream().map(Unit::id).toList());
			where.add("m.unit_id in (:filterUnits)");
		}
		if (filter.stage() != null) {
			params.put("stage", filter.stage());
			where.add("m.stage = :stage");
		}
		if (filter.category() != null) {
			params.put("category", filter.category());
			where.add("m.category = :category");
		}
		if (filter.overdue() != null) {
			params.put("now", Timestamp.from(clock.instant()));
			where.add(filter.overdue() ? "(m.closed_at is null and m.due_at < :now)" : "not (m.closed_at is null and m.due_at < :now)");
		}
		if (filter.from() != null) {
			params.put("from", Timestamp.from(filter.from()));
			where.add("m.registered_at >= :from");
		}
		if (filter.to() != null) {
			params.put("to", Timestamp.from(filter.to()));
			where.add("m.registered_at < :to");
		}
		return where;
	}

	/**
	 * One branch of a list, as SQL: conditions on a co-handling row {@code c} when the branch is about
	 * co-handling ({@code coRow}); on the lead department and the unit, which a co-handling row carries too
	 * ({@code carried}: asked of the co-handling row when there is one, else of the matter); and on the
	 * matter {@code m}. A co-handling branch reads no matter row when nothing asks about one: its row holds
	 * the matter's id, lead department, unit and registration time.
	 */
	private record Branch(String coRow, List<String> carried, List<String> onMatter) {

		Branch ledByFilterDepartment() {
			return new Branch(coRow, plus(carried, "lead_department = :filterDept"), onMatter);
		}

		/**
		 * Read from the filter department's co-handling rows when nothing is asked of the matter but its lead or
		 * unit; otherwise from the matters of this branch (few, for a cadre's own registrations; many, in order,
		 * for an intake system's), each looked up among the co-handling rows. PostgreSQL plans a prepared
		 * statement once for any account: starting from the co-handling rows, a cadre's own registrations cost a
		 * look-up per co-handled matter (0.6 s a list at a million matters, bench/growth.sh).
		 */
		Branch coHandledByFilterDepartment() {
			if (coRow != null) {
				return new Branch(coRow + " and exists (select 1 from matter_co_department d where d.matter_id = c.matter_id"
						+ " and d.department = :filterDept)", carried, onMatter);
			}
			return onMatter.isEmpty() ? new Branch("c.department = :filterDept", carried, onMatter)
					: new Branch(null, carried, plus(onMatter, "exists (select 1 from matter_co_department d where d.matter_id = m.id"
							+ " and d.department = :filterDept)"));
		}

		String ids(List<String> filters) {
			return "select " + id() + " as id from " + from(filters, false) + where(filters);
		}

		String idsAndKeys(List<String> filters, String sortColumn, String direction) {
			String key = coRow != null && sortColumn.equals("registered_at") ? "c.registered_at" : "m." + sortColumn;
			return "select " + id() + " as id, " + key + " as sort_key from " + from(filters, !key.startsWith("c."))
					+ where(filters) + " order by " + key + direction + ", " + id() + direction;
		}

		private String id() {
			return coRow == null ? "m.id" : "c.matter_id";
		}

		private String from(List<String> filters, boolean sortsByMatter) {
			if (coRow == null) {
				return "matter m";
			}
			boolean readsMatter = sortsByMatter || !onMatter.isEmpty() || !filters.isEmpty();
			return readsMatter ? "matter_co_department c join matter m on m.id = c.matter_id" : "matter_co_department c";
		}

		private String where(List<String> filters) {
			List<String> all = new ArrayList<>();
			if (coRow != null) {
				all.add(coRow);
			}
			String carrier = coRow == null ? "m." : "c.";
			carried.forEach(condition -> all.add(carrier + condition));
			all.addAll(onMatter);
			all.addAll(filters);
			return all.isEmpty() ? "" : " where " + String.join(" and ", all);
		}

		private static List<String> plus(List<String> conditions, String more) {
			return Stream.concat(conditions.stream(), Stream.of(more)).toList();
		}

	}

}
