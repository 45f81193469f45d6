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

import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
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
public class MatterQueries {

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

	public Optional<Matter> one(Caller caller, String trackingNo) {
		Map<String, Object> params = new HashMap<>();
		params.put("no", trackingNo);
		return jdbc.sql("select * from matter where tracking_no = :no and " + visibleTo(caller, params)).params(params)
			.query(Matters::map).optional();
	}

	/**
	 * A page of the matters the caller may see that pass the filter. For those who see every matter, a
	 * department's matters — those it leads and those it co-handles — are two branches, each with every filter,
	 * ordered and limited, then merged: each uses its own index, where one condition joined by {@code or} would
	 * scan the table. (Splitting a cadre's reasons to see a matter the same way made their lists slower on a
	 * million matters: bench/growth.sh.)
	 */
	public Page list(Caller caller, Filter filter, int page, int size, String orderBy) {
		Map<String, Object> params = new HashMap<>();
		List<String> where = new ArrayList<>();
		String visible = visibleTo(caller, params);
		List<String> branches = List.of(visible);
		if (filter.unit() != null) {
			params.put("filterUnits", unitAndBelow(filter.unit()));
			where.add("unit_id in (:filterUnits)");
		}
		if (filter.department() != null) {
			params.put("filterDept", filter.department());
			var department = List.of("lead_department = :filterDept",
					"exists (select 1 from matter_co_department co where co.matter_id = matter.id and co.department = :filterDept)");
			branches = caller.seesAllMatters() ? department : List.of(visible + " and (" + String.join(" or ", department) + ")");
		}
		if (filter.stage() != null) {
			params.put("stage", filter.stage());
			where.add("stage = :stage");
		}
		if (filter.category() != null) {
			params.put("category", filter.category());
			where.add("category = :category");
		}
		if (filter.overdue() != null) {
			params.put("now", Timestamp.from(clock.instant()));
			where.add(filter.overdue() ? "(closed_at is null and due_at < :now)" : "not (closed_at is null and due_at < :now)");
		}
		if (filter.from() != null) {
			params.put("from", Timestamp.from(filter.from()));
			where.add("registered_at >= :from");
		}
		if (filter.to() != null) {
			params.put("to", Timestamp.from(filter.to()));
			where.add("registered_at < :to");
		}
		String filters = where.stream().map(condition -> " and " + condition).collect(Collectors.joining());
		params.put("counted", COUNTED + 1);
		params.put("upTo", (long) (page + 1) * size);
		params.put("limit", size);
		params.put("offset", (long) page * size);
		String counted = branches.stream().map(branch -> "(select id from matter where " + branch + filters + " limit :counted)")
			.collect(Collectors.joining(" union "));
		long total = jdbc.sql("select count(*) from (" + counted + ") matching").params(params).query(Long.class).single();
		String pages = branches.stream()
			.map(branch -> "(select * from matter where " + branch + filters + " order by " + orderBy + " limit :upTo)")
			.collect(Collectors.joining(" union "));
		List<Matter> items = jdbc.sql("select * from (" + pages + ") visible order by " + orderBy
				+ " limit :limit offset :offset").params(params).query(Matters::map).list();
		return new Page(items, page, size, Math.min(total, COUNTED), total > COUNTED);
	}

	/** What the caller may see: any one of the reasons suffices. */
	private String visibleTo(Caller caller, Map<String, Object> params) {
		if (caller.seesAllMatters()) {
			return "1 = 1";
		}
		List<String> any = new ArrayList<>();
		params.put("visUser", caller.user());
		any.add("registered_by = :visUser");
		if (!caller.groups().isEmpty()) {
			params.put("visGroups", caller.groups());
			any.add("lead_department in (:visGroups)");
			any.add("exists (select 1 from matter_co_department co where co.matter_id = matter.id and co.department in (:visGroups))");
		}
		Set<String> units = directory.unitsOfLocalOffices(caller.groups());
		if (!units.isEmpty()) {
			params.put("visUnits", units);
			any.add("unit_id in (:visUnits)");
		}
		return "(" + String.join(" or ", any) + ")";
	}

	/** The unit and every unit below it (a county's towns and villages, a town's villages). */
	private List<String> unitAndBelow(String unitId) {
		return directory.units().stream()
			.filter(unit -> unit.id().equals(unitId) || unitId.equals(unit.parentId())
					|| (unit.parentId() != null && directory.unit(unit.parentId()).map(Unit::parentId).filter(unitId::equals).isPresent()))
			.map(Unit::id).toList();
	}

}
