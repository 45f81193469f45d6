package org.civicloop.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The departments a matter goes to: one lead (牵头), any number of co-handling ones (协办). */
public record Routing(String lead, List<String> co) {

	/**
	 * Reads a {@code route-matter} result list (rows of department and role).
	 * @throws IllegalStateException unless exactly one row names a lead
	 */
	public static Routing of(List<Map<String, Object>> rows) {
		var leads = new LinkedHashSet<String>();
		var co = new LinkedHashSet<String>();
		for (Map<String, Object> row : rows == null ? List.<Map<String, Object>>of() : rows) {
			String department = (String) row.get("department");
			if (department == null) {
				continue;
			}
			if ("lead".equals(row.get("role"))) {
				leads.add(department);
			}
			else {
				co.add(department);
			}
		}
		if (leads.size() != 1) {
			throw new IllegalStateException("route-matter must give exactly one lead department, gave " + leads);
		}
		String lead = leads.iterator().next();
		co.remove(lead);
		return new Routing(lead, List.copyOf(co));
	}

	public List<String> all() {
		var all = new ArrayList<String>();
		all.add(lead);
		all.addAll(co);
		return all;
	}

}
