package org.civicloop.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.civicloop.organization.Caller;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.civicloop.organization.Roles;

/**
 * Credentials of accounts, beside what Camunda Admin does with them: API keys for service accounts, and
 * one-time codes with which a cadre sets their own password. Administrators issue both; every issue, revoke
 * and use is in the audit trail.
 */
@RestController
class AccountController {

	private final IdentityService identity;

	private final ApiKeys apiKeys;

	private final PasswordCodes codes;

	private final AccountCheck accounts;

	private final LoginThrottle throttle;

	private final Audit audit;

	private final SecurityProperties properties;

	AccountController(IdentityService identity, ApiKeys apiKeys, PasswordCodes codes, AccountCheck accounts,
			LoginThrottle throttle, Audit audit, SecurityProperties properties) {
		this.identity = identity;
		this.apiKeys = apiKeys;
		this.codes = codes;
		this.accounts = accounts;
		this.throttle = throttle;
		this.audit = audit;
		this.properties = properties;
	}

	record NewKey(String label) {
	}

	record IssuedKey(long id, String account, String label, Instant createdAt, String key) {
	}

	record IssuedCode(String account, String code, Instant expiresAt, String link) {
	}

	record NewPassword(String account, String code, String password) {
	}

	/** A new API key for a service account (an intake system); the key is in this answer and nowhere else. */
	@PostMapping("/api/accounts/{account}/api-keys")
	@Transactional
	ResponseEntity<IssuedKey> issueKey(@PathVariable String account, @RequestBody(required = false) NewKey body,
			Authentication authentication) {
		String by = administrator(authentication);
		if (identity.createUserQuery().userId(account).memberOfGroup(Roles.INTAKE_SYSTEMS).count() == 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "API keys are for service accounts (group "
					+ Roles.INTAKE_SYSTEMS + "); " + account + " is not one");
		}
		String label = body == null || body.label() == null || body.label().isBlank() ? "API key" : body.label().strip();
		if (label.length() > 200) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "label may have at most 200 characters");
		}
		var issued = apiKeys.issue(account, label, by, Instant.now());
		audit.record(by, "api-key.issued", account, "key " + issued.key().id() + ": " + label);
		return ResponseEntity.created(URI.create("/api/accounts/" + account + "/api-keys/" + issued.key().id()))
			.body(new IssuedKey(issued.key().id(), account, label, issued.key().createdAt(), issued.secret()));
	}

	@GetMapping("/api/accounts/{account}/api-keys")
	List<ApiKeys.Key> keys(@PathVariable String account, Authentication authentication) {
		administrator(authentication);
		return apiKeys.of(account);
	}

	@DeleteMapping("/api/accounts/{account}/api-keys/{id}")
	@Transactional
	ResponseEntity<Void> revokeKey(@PathVariable String account, @PathVariable long id, Authentication authentication) {
		String by = administrator(authentication);
		if (!apiKeys.revoke(account, id, Instant.now())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No active key " + id + " of " + account);
		}
		accounts.forgetAll();
		audit.record(by, "api-key.revoked", account, "key " + id);
		return ResponseEntity.noContent().build();
	}

	/** A one-time code for the cadre to set their own password, with the link to the page where they do. */
	@PostMapping("/api/accounts/{account}/password-code")
	@Transactional
	ResponseEntity<IssuedCode> issueCode(@PathVariable String account, Authentication authentication) {
		String by = administrator(authentication);
		if (identity.createUserQuery().userId(account).count() == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No account " + account);
		}
		Instant now = Instant.now();
		Instant expires = now.plus(properties.passwordCodeValidity());
		String code = codes.issue(account, by, now, expires);
		audit.record(by, "password.code-issued", account, "valid until " + expires);
		return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedCode(account, code, expires,
				"/password.html?account=" + account + "&code=" + code));
	}

	/**
	 * The cadre sets their own password with the code an administrator gave them (open: they cannot log in
	 * yet). A wrong code counts as a failed login; the password must pass the password policy.
	 */
	@PostMapping("/api/public/password")
	@Transactional
	ResponseEntity<Void> setPassword(@RequestBody NewPassword body, jakarta.servlet.http.HttpServletRequest request) {
		String address = request.getRemoteAddr();
		if (body == null || body.account() == null || body.password() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "account, code and password are needed");
		}
		long started = System.nanoTime();
		var wait = throttle.attempt(address, body.account());
		if (!wait.isZero()) {
			var refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(
					HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts from this address; try again later"), null);
			refused.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
			throw refused;
		}
		// the code first, then the account, and every failure as slow as a failed login: nothing here tells
		// whether an account exists
		User user = codes.matches(body.account(), body.code(), Instant.now())
				? identity.createUserQuery().userId(body.account()).singleResult() : null;
		if (user == null) {
			AccountCheck.waitOut(properties.failedLoginTime(), started);
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The account or the code is not valid (a code is used once and expires)");
		}
		var problems = policyProblems(body.password(), user);
		if (!problems.isEmpty()) {
			throttle.notAFailure(address, body.account()); // the right code: a weak password is no failed login
			throw new PolicyViolated(problems);
		}
		if (!codes.use(body.account(), body.code(), Instant.now())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The account or the code is not valid (a code is used once and expires)");
		}
		user.setPassword(body.password());
		identity.saveUser(user);
		accounts.forgetAll();
		throttle.succeeded(address, body.account());
		audit.record(body.account(), "password.set-with-code", body.account(), null);
		return ResponseEntity.noContent().build();
	}

	/** What the password policy says of a password for this account; nothing when no policy is on (the demo). */
	private List<String> policyProblems(String password, User user) {
		if (identity.getPasswordPolicy() == null) {
			return password.isBlank() ? List.of("a password may not be empty") : List.of();
		}
		return identity.checkPasswordAgainstPolicy(password, user).getViolatedRules().stream().map(AccountController::describe).toList();
	}

	private static String describe(PasswordPolicyRule rule) {
		var parameters = rule.getParameters();
		return rule.getPlaceholder() + (parameters == null || parameters.isEmpty() ? "" : " " + parameters);
	}

	/** A password the policy refuses: 400 naming each rule it breaks. */
	static final class PolicyViolated extends RuntimeException {

		final List<String> rules;

		PolicyViolated(List<String> rules) {
			super("The password does not meet the password policy: " + rules);
			this.rules = rules;
		}

	}

	@ExceptionHandler(PolicyViolated.class)
	ProblemDetail policy(PolicyViolated violated) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, violated.getMessage());
		problem.setTitle("Password too weak");
		problem.setProperty("violatedRules", violated.rules);
		return problem;
	}

	private static String administrator(Authentication authentication) {
		var caller = Caller.of(authentication);
		if (!caller.inAny(Roles.ADMIN)) {
			throw new AccessDeniedException("Only administrators manage credentials");
		}
		return caller.user();
	}

}
