package org.civicloop.variant;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.civicloop.organization.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/units/{unitId}/variants}: a unit's own versions of the matter process and its tables.
 * Deploying goes through the engine as the caller, so the same guardrails hold as for Camunda Modeler.
 */
@RestController
class VariantController {

	private final VariantAccess access;

	private final VariantDeployments deployments;

	private final VariantHistory history;

	private final VariantComparison comparison;

	private final VariantActivation activation;

	VariantController(VariantAccess access, VariantDeployments deployments, VariantHistory history,
			VariantComparison comparison, VariantActivation activation) {
		this.access = access;
		this.deployments = deployments;
		this.history = history;
		this.comparison = comparison;
		this.activation = activation;
	}

	/** The files would be deployed as they are (a refusal answers 422 with the guardrails' violations). */
	record Validation(boolean valid, List<Violation> violations) {
	}

	/** A unit's history of variants, and where each of its definitions comes from now. */
	record History(String unit, Map<String, String> effective, List<VariantHistory.Entry> variants) {
	}

	/** After a rollback: the variant now active, where each definition comes from, what became of running matters. */
	record Activated(String active, Map<String, String> effective, Migrations.Migration migration) {
	}

	/** After going back to inheriting: where each definition comes from, what became of running matters. */
	record Deactivated(Map<String, String> effective, Migrations.Migration migration) {
	}

	/** Deploys a variant (.bpmn, .dmn, .form files and a note) into the unit's tenant; it becomes the active one. */
	@PostMapping(path = "/api/units/{unitId}/variants", consumes = "multipart/form-data")
	ResponseEntity<VariantDeployments.Deployed> deploy(@PathVariable String unitId,
			@RequestPart("files") List<MultipartFile> files, @RequestParam(required = false) String note,
			@RequestParam(defaultValue = "false") boolean migrateRunning, Authentication authentication) {
		requireChange(authentication, unitId);
		var deployed = deployments.deploy(unitId, read(files), note == null ? null : note.strip(), migrateRunning);
		return ResponseEntity.created(URI.create("/api/units/" + unitId + "/variants/" + deployed.id())).body(deployed);
	}

	/** The same checks as a deployment, without deploying: 200 when the files would be accepted, 422 otherwise. */
	@PostMapping(path = "/api/units/{unitId}/variants/validation", consumes = "multipart/form-data")
	Validation validate(@PathVariable String unitId, @RequestPart("files") List<MultipartFile> files,
			Authentication authentication) {
		requireChange(authentication, unitId);
		var violations = deployments.validate(unitId, read(files));
		if (!violations.isEmpty()) {
			throw new GuardrailViolations(violations);
		}
		return new Validation(true, List.of());
	}

	@GetMapping("/api/units/{unitId}/variants")
	History history(@PathVariable String unitId, Authentication authentication) {
		requireRead(authentication, unitId);
		return new History(unitId, history.effective(unitId), history.of(unitId));
	}

	@GetMapping("/api/units/{unitId}/variants/{variantId}/diff")
	VariantComparison.Comparison diff(@PathVariable String unitId, @PathVariable String variantId,
			@RequestParam(defaultValue = "base") String against, Authentication authentication) {
		requireRead(authentication, unitId);
		if (!against.equals("base") && !against.equals("previous")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "against must be base or previous, not " + against);
		}
		return comparison.of(variant(unitId, variantId), against);
	}

	record ActivationRequest(Boolean migrateRunning) {
	}

	/** Makes an earlier variant active again (rollback); optionally moves running matters onto it. */
	@PostMapping("/api/units/{unitId}/variants/{variantId}/activation")
	Activated activate(@PathVariable String unitId, @PathVariable String variantId,
			@RequestBody(required = false) ActivationRequest request, Authentication authentication) {
		requireChange(authentication, unitId);
		var variant = variant(unitId, variantId);
		boolean migrate = request != null && Boolean.TRUE.equals(request.migrateRunning());
		var migration = activation.activate(variant, authentication.getName(), migrate);
		return new Activated(variant.deploymentId(), history.effective(unitId), migration);
	}

	/** The unit goes back to what it inherits from its town or the county. */
	@DeleteMapping("/api/units/{unitId}/variants/active")
	Deactivated deactivate(@PathVariable String unitId, @RequestParam(defaultValue = "false") boolean migrateRunning,
			Authentication authentication) {
		requireChange(authentication, unitId);
		var migration = activation.deactivate(unitId, authentication.getName(), migrateRunning);
		return new Deactivated(history.effective(unitId), migration);
	}

	@ExceptionHandler(GuardrailViolations.class)
	ResponseEntity<ProblemDetail> refused(GuardrailViolations refused) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
				"共 " + refused.violations().size() + " 处违反护栏规则，未部署任何内容");
		problem.setTitle("变体被拒绝");
		problem.setProperty("violations", refused.violations());
		return ResponseEntity.unprocessableEntity().body(problem);
	}

	@ExceptionHandler(AuthorizationException.class)
	ResponseEntity<ProblemDetail> forbidden(AuthorizationException denied) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, denied.getMessage());
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
	}

	private Variants.Variant variant(String unitId, String variantId) {
		return history.variant(unitId, variantId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Unit " + unitId + " has no variant " + variantId));
	}

	private void requireChange(Authentication authentication, String unitId) {
		requireUnit(unitId);
		if (!access.mayChange(Caller.of(authentication), unitId)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, authentication.getName()
					+ " may not change the variants of " + unitId + ": only its unit administrators and process designers do");
		}
	}

	private void requireRead(Authentication authentication, String unitId) {
		requireUnit(unitId);
		if (!access.mayRead(Caller.of(authentication), unitId)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, authentication.getName() + " may not read the variants of " + unitId);
		}
	}

	private void requireUnit(String unitId) {
		if (access.unit(unitId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No unit " + unitId + " in the organisation directory");
		}
	}

	private static Map<String, byte[]> read(List<MultipartFile> files) {
		var read = new LinkedHashMap<String, byte[]>();
		for (MultipartFile file : files) {
			String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().replace('\\', '/');
			name = name.substring(name.lastIndexOf('/') + 1).strip();
			if (name.isEmpty()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "every file needs a file name (.bpmn, .dmn or .form)");
			}
			if (read.containsKey(name)) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the file " + name + " is sent twice");
			}
			try {
				read.put(name, file.getBytes());
			}
			catch (IOException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cannot read the file " + name);
			}
		}
		if (read.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no files: send the variant's .bpmn, .dmn or .form files as files");
		}
		return read;
	}

}
