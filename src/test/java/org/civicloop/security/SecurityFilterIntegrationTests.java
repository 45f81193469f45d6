package org.civicloop.security;

import java.util.List;

import org.civicloop.CivicLoopTest;
import org.civicloop.Http;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's filter is its own chain proxy, without the MVC handler look-up in front
 * ({@link WebSecurityConfiguration#securityFilterWithoutHandlerLookup()}), and still guards every request: its
 * firewall refuses what it refused before, on the API and on the engine REST API alike — and, in front of every
 * other filter ({@link FirewallFirst}), with a 400 problem where a request used to fail before it reached it.
 */
@CivicLoopTest
class SecurityFilterIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void theSecurityFilterIsThePlainChainProxyWithEveryChain() {
		Object filter = context.getBean(AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
		// Spring Security's own chain proxy (with the request path parsed once in front), not the MVC look-up's wrapper
		assertThat(filter).isInstanceOf(FilterChainProxy.class);
		assertThat(filter.getClass().getName()).doesNotContain("WebMvc");
		assertThat(((FilterChainProxy) filter).getFilterChains()).hasSize(3);
	}

	@Test
	void theFirewallStillRefusesOnEveryPath() {
		var http = new Http(port);
		// a path parameter: refused by Spring Security's firewall, whatever the entrance
		assertThat(http.get("dispatcher", "/api/matters;a=b").statusCode()).isEqualTo(400);
		assertThat(http.get("dispatcher", "/engine-rest/task;a=b").statusCode()).isEqualTo(400);
		assertThat(http.get("dispatcher", "/engine-rest/task").statusCode()).isEqualTo(200);
		assertThat(http.get("dispatcher", "/api/matters").statusCode()).isEqualTo(200);
		assertThat(http.get(null, "/api/matters").statusCode()).isEqualTo(401);
	}

	@Test
	void aPathTheFirewallRefusesIsA400ProblemBeforeAnyOtherFilter() {
		var http = new Http(port);
		// Tomcat hands this one to the engine REST API; Spring Security's own firewall came too late for it (a 500)
		for (String user : java.util.Arrays.asList("dispatcher", null)) {
			for (String path : List.of("/api/%2e%2e/engine-rest/task", "/engine-rest/%2e%2e/api/matters", "/camunda/%2e%2e/engine-rest/task",
					"/api/matters;a=b", "/engine-rest/task;a=b", "/api//matters")) {
				var answer = http.get(user, path);
				assertThat(answer.statusCode()).as("%s as %s", path, user).isEqualTo(400);
				assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			}
		}
	}

}
