package org.civicloop.assessment;

import java.util.List;
import java.util.Map;

import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.security.Audit;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The assessment figures per department, unit, category and cadre, within what the caller may see. */
@RestController
class KpiController {

	private final Assessment assessment;

	private final ReadModel readModel;

	private final Directory directory;

	private final Audit audit;

	KpiController(Assessment assessment, ReadModel readModel, Directory directory, Audit audit) {
		this.assessment = assessment;
		this.readModel = readModel;
		this.directory = directory;
		this.audit = audit;
	}

	/** {@code /api/kpi/departments}, {@code /units}, {@code /categories} or {@code /cadres}, for whole days {@code from} to {@code to}. */
	@GetMapping({ "/api/kpi/{dimension}", "/dashboard/api/kpi/{dimension}" })
	List<Figures> figures(@PathVariable String dimension, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Authentication caller) {
		Dimension per = Dimension.named(dimension);
		if (per == null) {
			throw new Period.InvalidRequest(Map.of("dimension", "must be departments, units, categories or cadres"));
		}
		Period period = Period.of(from, to);
		return assessment.figures(per, period.from(), period.to(), Scope.required(Caller.of(caller), directory));
	}

	/** Rebuilds the read model from the matter records with today's definitions; administrators only, audited. */
	@PostMapping("/api/kpi/rebuild")
	Map<String, Object> rebuild(Authentication caller) {
		if (!Caller.of(caller).inAny(Roles.ADMIN)) {
			throw new AccessDeniedException("The figures are rebuilt by administrators");
		}
		long started = System.nanoTime();
		int matters = readModel.rebuild();
		long millis = (System.nanoTime() - started) / 1_000_000;
		audit.record(caller.getName(), "kpi.rebuild", "kpi", matters + " matters in " + millis + " ms");
		return Map.of("matters", matters, "millis", millis);
	}

}
