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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/units/{unitId}/variants}: a unit's own versions of the matter process and its tables.
 * Deploying goes through the engine as the caller, so the same guardrails hold as for Camunda Modeler.
 * The variant editor calls the same on {@code /variants/api} with the webapps' session.
 */
@RestController
@RequestMapping({ "/api", "/variants/api" })
class VariantController {

	private final VariantAccess access;

	private final VariantDeployments deployments;

	private final VariantHistory history;

	private final VariantComparison comparison;

	private final VariantActivation activation;

	private final VariantFiles files;

	VariantController(VariantAccess access, VariantDeployments deployments, VariantHistory history,
			VariantComparison comparison, VariantActivation activation, VariantFiles files) {
		this.files = files;
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

	/** A unit the caller may change the variants of. */
	record ChangeableUnit(String id, String name, String level, String town) {
	}

	/** The units whose variants the caller may change (what the editor offers), county first, then town by town. */
	@GetMapping("/units")
	List<ChangeableUnit> units(Authentication authentication) {
		var caller = Caller.of(authentication);
		return access.units().stream().filter(unit -> access.mayChange(caller, unit.id()))
			.map(unit -> new ChangeableUnit(unit.id(), unit.name(), unit.level().code(),
					unit.townId() == null ? null : access.unit(unit.townId()).map(town -> town.name()).orElse(null)))
			.toList();
	}

	/** The process and tables the unit's matters use now, with where each comes from: what the editor opens. */
	@GetMapping("/units/{unitId}/variants/files")
	VariantFiles.Effective files(@PathVariable String unitId, Authentication authentication) {
		requireRead(authentication, unitId);
		return files.effective(unitId);
	}

	/**
	 * Files not deployed yet against what the unit would inherit ({@code base}) or uses now ({@code current}):
	 * the editor's diff while editing.
	 */
	@PostMapping(path = "/units/{unitId}/variants/comparison", consumes = "multipart/form-data")
	VariantComparison.Comparison compare(@PathVariable String unitId, @RequestPart("files") List<MultipartFile> files,
			@RequestParam(defaultValue = "base") String against, Authentication authentication) {
		requireRead(authentication, unitId);
		if (!against.equals("base") && !against.equals("current")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "against must be base or current, not " + against);
		}
		try {
			return comparison.ofFiles(access.unit(unitId).orElseThrow(), read(files), against);
		}
		catch (IllegalArgumentException unreadable) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, unreadable.getMessage());
		}
	}

	/** Deploys a variant (.bpmn, .dmn, .form files and a note) into the unit's tenant; it becomes the active one. */
	@PostMapping(path = "/units/{unitId}/variants", consumes = "multipart/form-data")
	ResponseEntity<VariantDeployments.Deployed> deploy(@PathVariable String unitId,
			@RequestPart("files") List<MultipartFile> files, @RequestParam(required = false) String note,
			@RequestParam(defaultValue = "false") boolean migrateRunning, Authentication authentication) {
		requireChange(authentication, unitId);
		var deployed = deployments.deploy(unitId, read(files), note == null ? null : note.strip(), migrateRunning);
		return ResponseEntity.created(URI.create("/api/units/" + unitId + "/variants/" + deployed.id())).body(deployed);
	}

	/** The same checks as a deployment, without deploying: 200 when the files would be accepted, 422 otherwise. */
	@PostMapping(path = "/units/{unitId}/variants/validation", consumes = "multipart/form-data")
	Validation validate(@PathVariable String unitId, @RequestPart("files") List<MultipartFile> files,
			Authentication authentication) {
		requireChange(authentication, unitId);
		var violations = deployments.validate(unitId, read(files));
		if (!violations.isEmpty()) {
			throw new GuardrailViolations(violations);
		}
		return new Validation(true, List.of());
	}

	@GetMapping("/units/{unitId}/variants")
	History history(@PathVariable String unitId, Authentication authentication) {
		requireRead(authentication, unitId);
		return new History(unitId, history.effective(unitId), history.of(unitId));
	}

	@GetMapping("/units/{unitId}/variants/{variantId}/diff")
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
	@PostMapping("/units/{unitId}/variants/{variantId}/activation")
	Activated activate(@PathVariable String unitId, @PathVariable String variantId,
			@RequestBody(required = false) ActivationRequest request, Authentication authentication) {
		requireChange(authentication, unitId);
		var variant = variant(unitId, variantId);
		boolean migrate = request != null && Boolean.TRUE.equals(request.migrateRunning());
		var migration = activation.activate(variant, authentication.getName(), migrate);
		return new Activated(variant.deploymentId(), history.effective(unitId), migration);
	}

	/** The unit goes back to what it inherits from its town or the county. */
	@DeleteMapping("/units/{unitId}/variants/active")
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
