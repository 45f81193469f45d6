package org.civicloop.assessment;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.civicloop.organization.Roles;
import org.civicloop.security.Audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The assessment figures per department, unit, category and cadre, within what the caller may see. */
@RestController
class KpiController {

	/** The longest period asked for at once, in days. */
	static final int LONGEST = 731;

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
	@GetMapping("/api/kpi/{dimension}")
	List<Figures> figures(@PathVariable String dimension, @RequestParam String from, @RequestParam String to, Authentication caller) {
		Dimension per = Dimension.named(dimension);
		if (per == null) {
			throw new InvalidPeriod(Map.of("dimension", "must be departments, units, categories or cadres"));
		}
		var errors = new TreeMap<String, String>();
		LocalDate first = date("from", from, errors);
		LocalDate last = date("to", to, errors);
		if (first != null && last != null && (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= LONGEST)) {
			errors.put("to", "must lie from " + first + " to " + first.plusDays(LONGEST - 1));
		}
		if (!errors.isEmpty()) {
			throw new InvalidPeriod(errors);
		}
		return assessment.figures(per, first, last, scope(caller));
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

	private Scope scope(Authentication caller) {
		return Scope.required(Caller.of(caller), directory);
	}

	private static LocalDate date(String name, String value, Map<String, String> errors) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException notADate) {
			errors.put(name, "must be a date as YYYY-MM-DD");
			return null;
		}
	}

	@ExceptionHandler(InvalidPeriod.class)
	ProblemDetail invalid(InvalidPeriod invalid) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The figures cannot be given for this request");
		problem.setTitle("Invalid assessment request");
		problem.setProperty("errors", new TreeMap<>(invalid.errors));
		return problem;
	}

	private static final class InvalidPeriod extends RuntimeException {

		private final Map<String, String> errors;

		InvalidPeriod(Map<String, String> errors) {
			super(errors.toString());
			this.errors = errors;
		}

	}

}
