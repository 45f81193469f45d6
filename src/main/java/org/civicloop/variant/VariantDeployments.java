package org.civicloop.variant;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.civicloop.organization.Directory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Validates and deploys a unit's variant. Deployments go through the engine as the caller, so the
 * {@link DeploymentGuard} checks them exactly as it checks Camunda Modeler's and records them as the
 * unit's active variant.
 */
@Service
class VariantDeployments {

	private static final Pattern FORM_REF = Pattern.compile("formRef=\"([^\"]+)\"");

	/** A deployed variant, and what became of the unit's running matters. */
	record Deployed(String id, String unit, String deployedBy, Instant deployedAt, String note,
			List<Variants.Definition> definitions, Migrations.Migration migration) {
	}

	private final RepositoryService repository;

	private final Guardrails guardrails;

	private final Variants variants;

	private final EngineModels models;

	private final VariantResolver resolver;

	private final Directory directory;

	private final Migrations migrations;

	private final TransactionTemplate transaction;

	VariantDeployments(RepositoryService repository, Guardrails guardrails, Variants variants, EngineModels models,
			VariantResolver resolver, Directory directory, Migrations migrations, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.guardrails = guardrails;
		this.variants = variants;
		this.models = models;
		this.resolver = resolver;
		this.directory = directory;
		this.migrations = migrations;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** The guardrails' verdict on files, as they would be deployed into the unit's tenant. */
	List<Violation> validate(String unitId, Map<String, byte[]> files) {
		return guardrails.check(withInheritedForms(unitId, files), unitId);
	}

	/**
	 * Deploys files into the unit's tenant; the guard refuses it or records it as the unit's active variant.
	 * @throws GuardrailViolations when the guardrails refuse it; nothing is deployed then
	 */
	Deployed deploy(String unitId, Map<String, byte[]> files, String note, boolean migrate) {
		var resources = withInheritedForms(unitId, files);
		var before = migrations.before(unitId);
		String deploymentId = transaction.execute(status -> {
			var builder = repository.createDeployment().tenantId(unitId).name("variant " + unitId).source("civicloop-variants");
			resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
			String id = builder.deploy().getId();
			variants.note(id, note);
			return id;
		});
		var migration = migrations.after(before, migrate);
		var variant = variants.byId(deploymentId).orElseThrow();
		return new Deployed(variant.deploymentId(), variant.unitId(), variant.deployedBy(), variant.deployedAt(),
				variant.note(), variant.definitions(), migration);
	}

	/**
	 * The files, plus the forms their process refers to but does not bring, taken from the deployment of
	 * the process the unit uses now: a variant's tasks find their forms in their own deployment.
	 */
	private Map<String, byte[]> withInheritedForms(String unitId, Map<String, byte[]> files) {
		var resources = new LinkedHashMap<>(files);
		var brought = new java.util.HashSet<String>();
		var wanted = new java.util.TreeSet<String>();
		files.forEach((name, bytes) -> {
			if (name.endsWith(".form")) {
				formId(bytes).ifPresent(brought::add);
			}
			else if (Guardrails.isOf(name, Guardrails.BPMN)) {
				var matcher = FORM_REF.matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
				while (matcher.find()) {
					wanted.add(matcher.group(1));
				}
			}
		});
		wanted.removeAll(brought);
		if (wanted.isEmpty() || directory.unit(unitId).isEmpty()) {
			return resources;
		}
		String deployment = models.deploymentOf(resolver.processDefinitionId(unitId)).orElseThrow();
		models.forms(deployment).forEach((name, bytes) -> {
			if (formId(bytes).filter(wanted::contains).isPresent() && !resources.containsKey(name)) {
				resources.put(name, bytes);
			}
		});
		return resources;
	}

	private static Optional<String> formId(byte[] bytes) {
		try {
			return Guardrails.formId(bytes);
		}
		catch (java.io.IOException ex) {
			return Optional.empty(); // not a form: the guardrails say so when it is deployed
		}
	}

}
