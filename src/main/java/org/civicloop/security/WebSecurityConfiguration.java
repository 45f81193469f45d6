package org.civicloop.security;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may come in where. One account store — the engine's identity — behind every entrance:
 * <ul>
 * <li>{@code /api/**}: HTTP Basic for county systems (Spring Security, {@link EngineIdentityAuthentication});
 * {@code /api/public/**} and Open311 reads stay open on purpose;
 * <li>{@code /engine-rest/**}: Camunda's own authentication filter with HTTP Basic, as Camunda Modeler
 * expects for deployments;
 * <li>{@code /camunda/**}: the webapps' own login and session;
 * <li>{@code /actuator/health/**} open, the rest of actuator for operators and administrators.
 * </ul>
 * Requests outside these patterns reach no Spring Security filter: the webapps and the engine REST API
 * carry their own.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	@Bean
	SecurityFilterChain apiAndActuator(HttpSecurity http, IdentityService identity) throws Exception {
		http.securityMatcher("/api/**", "/actuator/**", "/open311/**")
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/api/public/**").permitAll()
				.requestMatchers(HttpMethod.GET, "/open311/**").permitAll()
				.requestMatchers(HttpMethod.POST, "/open311/v2/requests.*").permitAll() // api_key, checked by Open311
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasAnyAuthority("GROUP_" + Roles.OPERATORS, "GROUP_" + Roles.ADMIN)
				.anyRequest().authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
				response.setHeader("WWW-Authenticate", "Basic realm=\"CivicLoop\"");
				Problems.write(response, 401, "Unauthorized", "Log in with a CivicLoop account (HTTP Basic)");
			}))
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, failure) -> {
					response.setHeader("WWW-Authenticate", "Basic realm=\"CivicLoop\"");
					Problems.write(response, 401, "Unauthorized", "Log in with a CivicLoop account (HTTP Basic)");
				})
				.accessDeniedHandler((request, response, denied) -> Problems.write(response, 403, "Forbidden",
						"Your account may not do this")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable()) // stateless Basic clients only; no session cookie to ride on
			.addFilterAfter(new EngineAuthenticationFilter(identity), BasicAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
		var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
		registration.setName("engine-rest-authentication");
		registration.addUrlPatterns("/engine-rest/*");
		registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<EngineListAuthentication> engineListAuthentication(EngineIdentityAuthentication accounts) {
		var registration = new FilterRegistrationBean<>(new EngineListAuthentication(accounts));
		registration.setName("engine-list-authentication");
		registration.addUrlPatterns("/engine-rest/engine", "/engine-rest/engine/");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

	@Bean
	FilterRegistrationBean<EngineRestProblemDetails> engineRestProblemDetails(TaskService tasks, HistoryService history) {
		var registration = new FilterRegistrationBean<>(new EngineRestProblemDetails(tasks, history));
		registration.setName("engine-rest-problem-details");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<PublicRateLimitFilter> publicRateLimit(SecurityProperties properties) {
		var registration = new FilterRegistrationBean<>(
				new PublicRateLimitFilter(properties.publicBurst(), properties.publicPerMinute()));
		registration.setName("public-rate-limit");
		registration.addUrlPatterns("/api/public/*", "/open311/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(SecurityProperties properties) {
		var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
		registration.setName("request-size-limit");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
