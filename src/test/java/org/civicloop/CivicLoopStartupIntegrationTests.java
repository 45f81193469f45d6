package org.civicloop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The application boots, deploys its models and forms, loads the directory, and answers on every entrance. */
@CivicLoopTest
class CivicLoopStartupIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	IdentityService identity;

	@Autowired
	FilterService filters;

	@Autowired
	org.civicloop.organization.Directory directory;

	@Autowired
	org.camunda.bpm.engine.AuthorizationService authorizations;

	@Autowired
	java.util.List<ApplicationRunner> loaders;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@Test
	void tasklistEngineRestAndHealthAnswer() throws Exception {
		var tasklist = get("/camunda/app/tasklist/default/");
		assertThat(tasklist.statusCode()).isEqualTo(200);
		assertThat(tasklist.body()).contains("Tasklist");
		var engines = new Http(port).get("designer", "/engine-rest/engine");
		assertThat(engines.statusCode()).isEqualTo(200);
		assertThat(engines.body()).contains("\"default\"");
		var health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
		assertThat(get("/").statusCode()).isEqualTo(200);
		var apiDocs = get("/v3/api-docs");
		assertThat(apiDocs.statusCode()).isEqualTo(200);
		assertThat(apiDocs.body()).contains("/api/matters", "/api/public/matters/{trackingNo}/evaluation",
				"/open311/v2/requests.{format}", "/api/units/{unitId}/variants", "/api/units/{unitId}/variants/{variantId}/diff");
		JsonNode schemas = new ObjectMapper().readTree(apiDocs.body()).path("components").path("schemas");
		assertThat(schemas.path("Request").path("properties").fieldNames()).toIterable().as("Open311 answers are documented")
			.contains("service_request_id", "status", "agency_responsible", "expected_datetime");
		assertThat(schemas.path("Page").path("properties").fieldNames()).toIterable().contains("items", "total");
		assertThat(schemas.path("Comparison").path("additionalProperties").path("$ref").asText()).endsWith("/DefinitionChanges");
		assertThat(schemas.path("DefinitionChanges").path("properties").fieldNames()).toIterable()
			.contains("definition", "againstDefinition", "rules", "timeLimitsChanged");
		assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	@Test
	void processesRulesAndFormsAreDeployed() {
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("matter-handling").count()).isPositive();
		assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("route-matter").count()).isPositive();
		assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("time-limits").count()).isPositive();
		var deployment = repository.createDeploymentQuery().withoutTenantId().orderByDeploymentTime().desc().list().get(0);
		assertThat(repository.getDeploymentResourceNames(deployment.getId()))
			.anyMatch(name -> name.endsWith("sign-for.form"))
			.anyMatch(name -> name.endsWith("matter-registration.form"));
	}

	@Test
	void theDirectoryIsInTheEngineAndLoadingItAgainAddsNothing() throws Exception {
		assertThat(identity.checkPassword("demo", "demo")).isTrue();
		assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("demo").count()).isOne();
		assertThat(identity.createUserQuery().memberOfGroup("dept-housing").count()).isEqualTo(2);
		assertThat(identity.createTenantQuery().tenantId("shangtang").count()).isOne();
		assertThat(identity.createTenantQuery().groupMember("office-qingshi").list()).extracting(tenant -> tenant.getId())
			.as("a town office works on the matters of the town and its villages")
			.containsExactlyInAnyOrder("qingshi", "shangtang", "xiatang");
		assertThat(identity.createTenantQuery().groupMember("dept-housing").count()).isEqualTo(directory.units().size());
		long users = identity.createUserQuery().count();
		long groups = identity.createGroupQuery().count();
		long tenants = identity.createTenantQuery().count();
		long filterCount = filters.createFilterQuery().count();
		long grants = authorizations.createAuthorizationQuery().count();
		assertThat(authorizations.createAuthorizationQuery().groupIdIn("dispatch-centre").resourceType(
				org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION).resourceId("matter-handling").count()).isOne();

		for (ApplicationRunner loader : loaders) {
			loader.run(new DefaultApplicationArguments());
		}

		assertThat(identity.createUserQuery().count()).isEqualTo(users);
		assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
		assertThat(identity.createTenantQuery().count()).isEqualTo(tenants);
		assertThat(filters.createFilterQuery().count()).isEqualTo(filterCount);
		assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(grants);
		assertThat(filters.createFilterQuery().filterName("待签收 — 本部门").count()).isOne();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
