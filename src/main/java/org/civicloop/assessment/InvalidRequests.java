package org.civicloop.assessment;

import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A figures, report or dashboard request with faulty parameters: 400, each fault named under {@code errors}. */
@RestControllerAdvice(basePackageClasses = InvalidRequests.class)
class InvalidRequests {

	@ExceptionHandler(Period.InvalidRequest.class)
	ProblemDetail invalid(Period.InvalidRequest invalid) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The figures cannot be given for this request");
		problem.setTitle("Invalid assessment request");
		problem.setProperty("errors", new TreeMap<>(invalid.errors));
		return problem;
	}

}
