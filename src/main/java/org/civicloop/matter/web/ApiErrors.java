package org.civicloop.matter.web;

import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.civicloop.matter.Intake;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad input to the matter API answers 400 problem details naming every bad field, and changes nothing. */
@RestControllerAdvice
class ApiErrors {

	@ExceptionHandler(NewMatter.InvalidMatterException.class)
	ProblemDetail invalid(NewMatter.InvalidMatterException invalid) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are missing or wrong; see errors");
		problem.setTitle("Invalid matter");
		Map<String, String> errors = new TreeMap<>(invalid.problems());
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler(MatterProcess.NotTheHandler.class)
	ProblemDetail notTheHandler(MatterProcess.NotTheHandler refused) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refused.getMessage());
	}

	@ExceptionHandler(MatterProcess.NoExtensionNow.class)
	ProblemDetail noExtensionNow(MatterProcess.NoExtensionNow refused) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
	}

	/** Two requests changed one matter at the same moment (two evaluations at once): the later is refused, nothing done twice. */
	@ExceptionHandler(OptimisticLockingException.class)
	ProblemDetail lostARace(OptimisticLockingException race) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Someone else changed this matter at the same moment; nothing was done twice. Look again");
	}

	@ExceptionHandler(Intake.KeyInFlight.class)
	ProblemDetail conflict(Intake.KeyInFlight state) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, state.getMessage());
	}

}
