package org.civicloop.security;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.civicloop.system.EngineWork;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.civicloop.organization.Roles;

/**
 * Who may come in where. One account store — the engine's identity — behind every entrance:
 * <ul>
 * <li>{@code /api/**}: HTTP Basic or a service account's API key (Spring Security, {@link AccountCheck});
 * {@code /api/public/**} and Open311 reads stay open on purpose;
 * <li>{@code /engine-rest/**}: HTTP Basic (as Camunda Modeler sends it) or an API key ({@link EngineRestAuthentication});
 * <li>{@code /camunda/**}: the webapps' own login and session, its failures throttled like every other login;
 * <li>{@code /dashboard/api/**}: that same session ({@link WebappSessionAuthentication}), for reading only;
 * <li>{@code /variants/api/**} (the variant editor): that same session, changes with the webapps' CSRF token
 * ({@link WebappCsrfCheck});
 * <li>{@code /actuator/health/**} open, the rest of actuator for operators and administrators.
 * </ul>
 * Requests outside these patterns reach no Spring Security filter: the webapps and the engine REST API
 * carry their own.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

	/**
	 * The chains' paths matched as path patterns, not through Spring MVC's handler mappings, which Spring Security
	 * asks by default when MVC is present — for every request, also those no chain here covers (the engine REST
	 * API): 6 % of a busy node's CPU went into it (a profile of bench/loop.sh).
	 */
	@Bean
	PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
		return new PathPatternRequestMatcherBuilderFactoryBean();
	}

	/**
	 * Spring Security's filter without the cache of Spring MVC's handler look-up that it puts in front when MVC is
	 * present: that cache looks up the handler of every request before any chain runs, so that MVC request
	 * matchers and MVC's CORS settings can reuse it — and neither is used here (path patterns above, no CORS).
	 * For the engine REST API, which MVC does not serve, the look-up compared the path with every MVC mapping:
	 * 4.8 % of a busy node's CPU (README, "Measured"). What that cache wrapped is registered again under the
	 * filter's name, as Spring Security built it: the request path parsed once, then the chains, the firewall
	 * and every filter in them.
	 */
	@Bean
	static BeanFactoryPostProcessor securityFilterWithoutHandlerLookup() {
		return factory -> {
			var registry = (BeanDefinitionRegistry) factory;
			String name = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
			if (!registry.containsBeanDefinition(name)) {
				return;
			}
			var composite = registry.getBeanDefinition(name);
			var arguments = composite.getConstructorArgumentValues();
			var first = arguments.getIndexedArgumentValue(0, List.class);
			if (composite.getBeanClassName() == null || !composite.getBeanClassName().endsWith("CompositeFilterChainProxy")
					|| arguments.getArgumentCount() != 1 || first == null || !(first.getValue() instanceof List<?> filters)) {
				return;
			}
			var chain = filters.stream().filter(BeanDefinition.class::isInstance).map(BeanDefinition.class::cast)
				.filter(filter -> filter.getBeanClassName() == null || !filter.getBeanClassName().endsWith("CacheFilterFactoryBean"))
				.toList();
			if (chain.size() == 1) {
				registry.removeBeanDefinition(name);
				registry.registerBeanDefinition(name, chain.get(0));
			}
		};
	}

	@Bean
	SecurityFilterChain apiAndActuator(HttpSecurity http, EngineWork engine, AccountCheck accounts) throws Exception {
		http.securityMatcher("/api/**", "/actuator/**", "/open311/**")
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/api/public/**").permitAll()
				.requestMatchers(HttpMethod.GET, "/open311/**").permitAll()
				.requestMatchers(HttpMethod.POST, "/open311/v2/requests.*").permitAll() // api_key, checked by Open311
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasAnyAuthority("GROUP_" + Roles.OPERATORS, "GROUP_" + Roles.ADMIN)
				.anyRequest().authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(WebSecurityConfiguration::refuse))
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint(WebSecurityConfiguration::refuse)
				.accessDeniedHandler((request, response, denied) -> Problems.write(response, 403, "Forbidden",
						"Your account may not do this")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
				// a stateless chain leaves a browser's webapp session alone: no new id on each authenticated request
				.sessionFixation(fixation -> fixation.none()))
			.csrf(csrf -> csrf.disable()) // stateless Basic clients only; no session cookie to ride on
			.addFilterBefore(new ApiKeyAuthenticationFilter(accounts), BasicAuthenticationFilter.class)
			.addFilterAfter(new EngineAuthenticationFilter(engine), BasicAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * The dashboard's data for whoever is logged in to the webapps. Reads only: any other method is refused, so
	 * the session cookie a browser sends by itself can change nothing here (no CSRF token needed).
	 */
	@Bean
	SecurityFilterChain dashboardReads(HttpSecurity http, EngineWork engine) throws Exception {
		http.securityMatcher("/dashboard/api/**")
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(HttpMethod.GET, "/dashboard/api/**").authenticated()
				.anyRequest().denyAll())
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, missing) -> Problems.write(response, 401, "Unauthorized",
						"Log in first, with the account you use in Tasklist"))
				.accessDeniedHandler((request, response, denied) -> Problems.write(response, 403, "Forbidden",
						HttpMethod.GET.matches(request.getMethod()) ? denied.getMessage() : "The dashboard reads only")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
				// a stateless chain leaves a browser's webapp session alone: no new id on each authenticated request
				.sessionFixation(fixation -> fixation.none()))
			.csrf(csrf -> csrf.disable())
			.addFilterBefore(new WebappSessionAuthentication(engine), AnonymousAuthenticationFilter.class);
		return http.build();
	}

	/** 401 for missing or wrong credentials, 429 when the address has failed too often. */
	private static void refuse(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
			org.springframework.security.core.AuthenticationException failure) throws java.io.IOException {
		if (failure instanceof EngineIdentityAuthentication.ThrottledException throttled) {
			Problems.throttled(response, throttled.retryAfter);
		}
		else {
			Problems.unauthorized(response);
		}
	}

	/**
	 * The variant editor's calls for whoever is logged in to the webapps, with the same rights as on
	 * {@code /api}: reads with the session; a change also with the webapps' CSRF token.
	 */
	@Bean
	SecurityFilterChain variantEditor(HttpSecurity http, EngineWork engine) throws Exception {
		http.securityMatcher("/variants/api/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, missing) -> Problems.write(response, 401, "Unauthorized",
						"Log in first, with the account you use in Tasklist"))
				.accessDeniedHandler((request, response, denied) -> Problems.write(response, 403, "Forbidden",
						"Your account may not do this")))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
				.sessionFixation(fixation -> fixation.none()))
			.csrf(csrf -> csrf.disable()) // the webapps' own token instead, checked by WebappCsrfCheck
			.addFilterBefore(new WebappSessionAuthentication(engine), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new WebappCsrfCheck(), AnonymousAuthenticationFilter.class)
			.addFilterAfter(new EngineAuthenticationFilter(engine), WebappCsrfCheck.class);
		return http.build();
	}

	@Bean
	FilterRegistrationBean<EngineRestAuthentication> engineRestAuthentication(AccountCheck accounts, EngineWork engine) {
		return registered(new EngineRestAuthentication(accounts, engine), "engine-rest-authentication",
				Ordered.HIGHEST_PRECEDENCE + 20, "/engine-rest/*");
	}

	@Bean
	FilterRegistrationBean<jakarta.servlet.Filter> firstAdministratorSetup(FirstAdministrator first) {
		return registered(first.guard(), "first-administrator-setup",
				Ordered.HIGHEST_PRECEDENCE + 20, "/camunda/api/admin/setup/*");
	}

	@Bean
	FilterRegistrationBean<WebappLoginThrottle> webappLoginThrottle(LoginThrottle throttle, SecurityProperties properties) {
		return registered(new WebappLoginThrottle(throttle, properties.failedLoginTime()), "webapp-login-throttle",
				Ordered.HIGHEST_PRECEDENCE + 20, "/camunda/api/admin/auth/user/*", "/camunda/api/engine/*");
	}

	@Bean
	FilterRegistrationBean<EngineRestProblemDetails> engineRestProblemDetails(TaskService tasks, HistoryService history) {
		return registered(new EngineRestProblemDetails(tasks, history), "engine-rest-problem-details",
				Ordered.HIGHEST_PRECEDENCE + 10, "/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/admin/*");
	}

	@Bean
	FilterRegistrationBean<PublicRateLimitFilter> publicRateLimit(SecurityProperties properties) {
		return registered(new PublicRateLimitFilter(properties.publicBurst(), properties.publicPerMinute()), "public-rate-limit",
				Ordered.HIGHEST_PRECEDENCE + 5, "/api/public/*", "/open311/*");
	}

	@Bean
	FilterRegistrationBean<DatabaseOutage> databaseOutage() {
		return registered(new DatabaseOutage(), "database-outage", Ordered.HIGHEST_PRECEDENCE + 2, "/*");
	}

	@Bean
	FilterRegistrationBean<FirewallFirst> firewallFirst() {
		return registered(new FirewallFirst(), "firewall-first", Ordered.HIGHEST_PRECEDENCE, "/*");
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(SecurityProperties properties) {
		return registered(new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()), "request-size-limit",
				Ordered.HIGHEST_PRECEDENCE + 1, "/*");
	}

	/** A servlet filter by name, before Spring Security's ({@code order}), on the URL patterns given. */
	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registered(F filter, String name, int order,
			String... patterns) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.setName(name);
		registration.addUrlPatterns(patterns);
		registration.setOrder(order);
		return registration;
	}

}
