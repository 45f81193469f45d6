package org.civicloop.knowledge;

import java.util.HashMap;
import java.util.Optional;

import org.civicloop.organization.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A matter the caller may see (as on {@code GET /api/matters}), with what its similar cases are found by. */
@Repository
class MatterLookup {

	record Facts(String description, String category, String grid, String unit) {
	}

	private final JdbcClient jdbc;

	private final CaseLibrary library;

	MatterLookup(JdbcClient jdbc, CaseLibrary library) {
		this.jdbc = jdbc;
		this.library = library;
	}

	Optional<Facts> visible(Caller caller, String trackingNo) {
		var visibility = library.visibility(caller);
		var params = new HashMap<String, Object>();
		params.put("no", trackingNo);
		String where = "";
		if (!visibility.everything()) {
			params.put("user", caller.user());
			var any = new StringBuilder("registered_by = :user");
			if (!caller.groups().isEmpty()) {
				params.put("groups", caller.groups());
				any.append(" or lead_department in (:groups) or exists (select 1 from matter_co_department co")
					.append(" where co.matter_id = matter.id and co.department in (:groups))");
			}
			if (!visibility.units().isEmpty()) {
				params.put("units", visibility.units());
				any.append(" or unit_id in (:units)");
			}
			where = " and (" + any + ")";
		}
		return jdbc.sql("select description, category, grid_code, unit_id from matter where tracking_no = :no" + where)
			.params(params).query((row, number) -> new Facts(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
			.optional();
	}

}
