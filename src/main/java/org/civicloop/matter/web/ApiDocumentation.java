package org.civicloop.matter.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of CivicLoop's own API (/v3/api-docs, Swagger UI at /swagger-ui/index.html). */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI civicLoopApi() {
		return new OpenAPI()
			.info(new Info().title("CivicLoop API").version("1").description(
					"Intake of citizen matters from county systems, staff reads with the responsibility chain, public "
							+ "progress and evaluation, Open311 GeoReport v2. Staff and systems authenticate with HTTP Basic; "
							+ "/api/public/** and Open311 reads are open. Errors are RFC 9457 problem details."))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
