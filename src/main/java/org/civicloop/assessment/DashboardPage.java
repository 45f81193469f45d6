package org.civicloop.assessment;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard page at {@code /dashboard/}: static files (ECharts from its webjar) under a policy that lets
 * them load scripts and data from this server only and never be framed by another site.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPage implements WebMvcConfigurer {

	static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
			+ "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/dashboard", "/dashboard/");
		registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> dashboardPolicy() {
		var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				response.setHeader("Content-Security-Policy", POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("Referrer-Policy", "same-origin");
				chain.doFilter(request, response);
			}

		});
		registration.setName("dashboard-policy");
		registration.addUrlPatterns("/dashboard", "/dashboard/*");
		return registration;
	}

}
