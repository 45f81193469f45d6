package org.civicloop.security;

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
 * firewall refuses what it refused before, on the API and on the engine REST API alike.
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

}
