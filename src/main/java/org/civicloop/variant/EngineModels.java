package org.civicloop.variant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.civicloop.system.EngineWork;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the variants need to read of the engine's repository and running matters, through the engine's own
 * query API. Read as the application: the facade has already decided the caller may see this unit's variants.
 */
@Component
class EngineModels {

	private final RepositoryService repository;

	private final RuntimeService runtime;

	private final EngineWork engine;

	private final JdbcClient jdbc;

	EngineModels(RepositoryService repository, RuntimeService runtime, EngineWork engine, JdbcClient jdbc) {
		this.repository = repository;
		this.runtime = runtime;
		this.engine = engine;
		this.jdbc = jdbc;
	}

	/** The latest shared (county) version of each table. */
	Map<String, Integer> sharedDecisionVersions(Collection<String> keys) {
		return engine.asApplication(() -> {
			var versions = new LinkedHashMap<String, Integer>();
			for (String key : keys) {
				var latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).withoutTenantId().latestVersion()
					.singleResult();
				if (latest != null) {
					versions.put(key, latest.getVersion());
				}
			}
			return versions;
		});
	}

	/** The latest shared process definition of a key. */
	Optional<Variants.Definition> sharedProcess(String key) {
		return engine.asApplication(() -> Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key)
			.withoutTenantId().latestVersion().singleResult())
			.map(definition -> new Variants.Definition(key, definition.getId(), definition.getVersion(), false)));
	}

	/** The deployment a process definition came with. */
	Optional<String> deploymentOf(String processDefinitionId) {
		return process(processDefinitionId).map(ProcessDefinition::getDeploymentId);
	}

	/** The tenant of a process definition, empty when shared. */
	Optional<String> tenantOf(String processDefinitionId) {
		return process(processDefinitionId).map(ProcessDefinition::getTenantId);
	}

	/** A decision definition's id, by key, tenant ({@code null}: shared) and version. */
	Optional<String> decisionId(String key, String tenantId, int version) {
		return engine.asApplication(() -> {
			DecisionDefinitionQuery query = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
				.decisionDefinitionVersion(version);
			query = tenantId == null ? query.withoutTenantId() : query.tenantIdIn(tenantId);
			return Optional.ofNullable(query.singleResult()).map(definition -> definition.getId());
		});
	}

	/** The XML of a process or decision definition, by its id. */
	Optional<byte[]> model(String definitionId) {
		return engine.asApplication(() -> {
			if (repository.createProcessDefinitionQuery().processDefinitionId(definitionId).count() > 0) {
				return Optional.of(read(repository.getProcessModel(definitionId)));
			}
			if (repository.createDecisionDefinitionQuery().decisionDefinitionId(definitionId).count() > 0) {
				return Optional.of(read(repository.getDecisionModel(definitionId)));
			}
			return Optional.empty();
		});
	}

	/** The forms ({@code .form} files) of a deployment, by name. */
	Map<String, byte[]> forms(String deploymentId) {
		return engine.asApplication(() -> {
			var forms = new java.util.TreeMap<String, byte[]>();
			for (var resource : repository.getDeploymentResources(deploymentId)) {
				if (resource.getName().endsWith(".form")) {
					forms.put(resource.getName(), read(repository.getResourceAsStreamById(deploymentId, resource.getId())));
				}
			}
			return forms;
		});
	}

	/** Running matters of a unit on any process definition but one: process instance id → definition id. */
	Map<String, String> runningMattersNotOn(String unitId, String processDefinitionId) {
		List<String> instances = jdbc.sql("select process_instance_id from matter where unit_id = :u and closed_at is null "
				+ "and process_instance_id is not null order by process_instance_id").param("u", unitId).query(String.class).list();
		var running = new LinkedHashMap<String, String>();
		if (instances.isEmpty()) {
			return running;
		}
		return engine.asApplication(() -> {
			for (int from = 0; from < instances.size(); from += 500) {
				var batch = new java.util.HashSet<>(instances.subList(from, Math.min(from + 500, instances.size())));
				for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceIds(batch).orderByProcessInstanceId()
					.asc().list()) {
					if (!instance.getProcessDefinitionId().equals(processDefinitionId)) {
						running.put(instance.getId(), instance.getProcessDefinitionId());
					}
				}
			}
			return running;
		});
	}

	private Optional<ProcessDefinition> process(String processDefinitionId) {
		return engine.asApplication(() -> Optional.ofNullable(repository.createProcessDefinitionQuery()
			.processDefinitionId(processDefinitionId).singleResult()));
	}

	private static byte[] read(InputStream in) {
		try (in) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
