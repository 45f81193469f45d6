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

	private final VariantDeployments deployments;

	VariantController(VariantDeployments deployments) {
		this.deployments = deployments;
	}

	/** Deploys a variant (.bpmn, .dmn, .form files and a note) into the unit's tenant; it becomes the active one. */
	@PostMapping(path = "/api/units/{unitId}/variants", consumes = "multipart/form-data")
	ResponseEntity<Map<String, Object>> deploy(@PathVariable String unitId, @RequestPart("files") List<MultipartFile> files,
			@RequestParam(required = false) String note, @RequestParam(defaultValue = "false") boolean migrateRunning,
			Authentication authentication) {
		requireChange(authentication, unitId);
		var deployed = deployments.deploy(unitId, read(files), note == null ? null : note.strip(), migrateRunning);
		var body = describe(deployed.variant());
		body.put("migration", deployed.migration());
		return ResponseEntity.created(URI.create("/api/units/" + unitId + "/variants/" + deployed.variant().deploymentId()))
			.body(body);
	}

	/** The same checks as a deployment, without deploying: 200 when the files would be accepted, 422 otherwise. */
	@PostMapping(path = "/api/units/{unitId}/variants/validation", consumes = "multipart/form-data")
	Map<String, Object> validate(@PathVariable String unitId, @RequestPart("files") List<MultipartFile> files,
			Authentication authentication) {
		requireChange(authentication, unitId);
		var violations = deployments.validate(unitId, read(files));
		if (!violations.isEmpty()) {
			throw new GuardrailViolations(violations);
		}
		return Map.of("valid", true, "violations", List.of());
	}

	@GetMapping("/api/units/{unitId}/variants")
	Map<String, Object> history(@PathVariable String unitId, Authentication authentication) {
		requireRead(authentication, unitId);
		var body = new LinkedHashMap<String, Object>();
		body.put("unit", unitId);
		body.put("effective", deployments.effective(unitId));
		body.put("variants", deployments.history(unitId));
		return body;
	}

	@GetMapping("/api/units/{unitId}/variants/{variantId}/diff")
	Map<String, Object> diff(@PathVariable String unitId, @PathVariable String variantId,
			@RequestParam(defaultValue = "base") String against, Authentication authentication) {
		requireRead(authentication, unitId);
		if (!against.equals("base") && !against.equals("previous")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "against must be base or previous, not " + against);
		}
		return deployments.diff(variant(unitId, variantId), against);
	}

	record Activation(Boolean migrateRunning) {
	}

	/** Makes an earlier variant active again (rollback); optionally moves running matters onto it. */
	@PostMapping("/api/units/{unitId}/variants/{variantId}/activation")
	Map<String, Object> activate(@PathVariable String unitId, @PathVariable String variantId,
			@RequestBody(required = false) Activation activation, Authentication authentication) {
		requireChange(authentication, unitId);
		var variant = variant(unitId, variantId);
		boolean migrate = activation != null && Boolean.TRUE.equals(activation.migrateRunning());
		var migration = deployments.activate(variant, authentication.getName(), migrate);
		return Map.of("active", variant.deploymentId(), "effective", deployments.effective(unitId), "migration", migration);
	}

	/** The unit goes back to what it inherits from its town or the county. */
	@DeleteMapping("/api/units/{unitId}/variants/active")
	Map<String, Object> deactivate(@PathVariable String unitId, @RequestParam(defaultValue = "false") boolean migrateRunning,
			Authentication authentication) {
		requireChange(authentication, unitId);
		var migration = deployments.deactivate(unitId, authentication.getName(), migrateRunning);
		return Map.of("effective", deployments.effective(unitId), "migration", migration);
	}

	@ExceptionHandler(GuardrailViolations.class)
	ResponseEntity<ProblemDetail> refused(GuardrailViolations refused) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
				refused.violations().size() + " guardrail(s) broken; nothing was deployed");
		problem.setTitle("Variant refused");
		problem.setProperty("violations", refused.violations());
		return ResponseEntity.unprocessableEntity().body(problem);
	}

	@ExceptionHandler(AuthorizationException.class)
	ResponseEntity<ProblemDetail> forbidden(AuthorizationException denied) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, denied.getMessage());
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
	}

	private Variants.Variant variant(String unitId, String variantId) {
		return deployments.variant(unitId, variantId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Unit " + unitId + " has no variant " + variantId));
	}

	private void requireChange(Authentication authentication, String unitId) {
		requireUnit(unitId);
		if (!deployments.mayChange(Caller.of(authentication), unitId)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, authentication.getName()
					+ " may not change the variants of " + unitId + ": only its unit administrators and process designers do");
		}
	}

	private void requireRead(Authentication authentication, String unitId) {
		requireUnit(unitId);
		if (!deployments.mayRead(Caller.of(authentication), unitId)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, authentication.getName() + " may not read the variants of " + unitId);
		}
	}

	private void requireUnit(String unitId) {
		if (deployments.unit(unitId).isEmpty()) {
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

	private static Map<String, Object> describe(Variants.Variant variant) {
		var body = new LinkedHashMap<String, Object>();
		body.put("id", variant.deploymentId());
		body.put("unit", variant.unitId());
		body.put("deployedBy", variant.deployedBy());
		body.put("deployedAt", variant.deployedAt().toString());
		body.put("note", variant.note());
		body.put("definitions", variant.definitions());
		return body;
	}

}
