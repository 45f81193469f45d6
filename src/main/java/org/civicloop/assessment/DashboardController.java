package org.civicloop.assessment;

import java.util.TreeMap;

import org.civicloop.matter.Categories;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's figures and drill-downs, within the caller's scope: on {@code /api/kpi} for county systems
 * (HTTP Basic or an API key) and on {@code /dashboard/api/kpi} for the page (the webapps' session, reads only).
 */
@RestController
class DashboardController {

	private final Dashboard dashboard;

	private final Directory directory;

	private final Categories categories;

	DashboardController(Dashboard dashboard, Directory directory, Categories categories) {
		this.dashboard = dashboard;
		this.directory = directory;
		this.categories = categories;
	}

	/** Who looks, over what, and the dashboard's figures. */
	record Screen(String viewer, String scope, Dashboard.Overview figures) {
	}

	@GetMapping({ "/api/kpi/overview", "/dashboard/api/kpi/overview" })
	Screen overview(Authentication caller) {
		Scope scope = Scope.required(Caller.of(caller), directory);
		String seen = scope.everything() ? directory.county().name() + "（全县）"
				: String.join("、", scope.departments().stream().sorted().map(directory::officeName).toList());
		return new Screen(caller.getName(), seen, dashboard.overview(scope));
	}

	/**
	 * The matters behind a figure: {@code figure} received or closed (with {@code from} and {@code to}), open or
	 * overdue (now); narrowed by {@code department}, {@code unit} (with the units under it unless {@code under=false}),
	 * {@code category} and {@code stage}.
	 */
	@GetMapping({ "/api/kpi/matters", "/dashboard/api/kpi/matters" })
	Dashboard.Matters matters(@RequestParam(required = false) String figure, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String department,
			@RequestParam(required = false) String unit, @RequestParam(defaultValue = "true") boolean under,
			@RequestParam(required = false) String category, @RequestParam(required = false) String stage, Authentication caller) {
		Scope scope = Scope.required(Caller.of(caller), directory);
		var errors = new TreeMap<String, String>();
		Dashboard.Figure which = Dashboard.Figure.named(figure);
		if (which == null) {
			errors.put("figure", "must be received, closed, open or overdue");
		}
		if (department != null && !directory.isHandlingGroup(department)) {
			errors.put("department", "is no department, town or village office of the directory");
		}
		if (unit != null && directory.unit(unit).isEmpty()) {
			errors.put("unit", "is no unit of the directory");
		}
		if (category != null && categories.byCode(category).isEmpty()) {
			errors.put("category", "is no category of the catalogue");
		}
		if (stage != null && !stage.matches("[a-z][a-z-]{0,31}")) {
			errors.put("stage", "must be a stage's code, such as sign-for or handle");
		}
		Period period = null;
		if (which == Dashboard.Figure.RECEIVED || which == Dashboard.Figure.CLOSED) {
			try {
				period = Period.of(from, to);
			}
			catch (Period.InvalidRequest invalid) {
				errors.putAll(invalid.errors);
			}
		}
		Period.InvalidRequest.unless(errors);
		return dashboard.matters(new Dashboard.Query(which, period, department, unit, under, category, stage), scope);
	}

}
