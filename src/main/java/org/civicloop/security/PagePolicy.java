package org.civicloop.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CivicLoop's own pages — the dashboard ({@code /dashboard/}) and the variant editor ({@code /variants/}) — load
 * scripts, styles, fonts and data from this server only and are never framed by another site.
 */
@Configuration(proxyBeanMethods = false)
class PagePolicy {

	static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
			+ "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> pagePolicyFilter() {
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
		registration.setName("page-policy");
		registration.addUrlPatterns("/dashboard", "/dashboard/*", "/variants", "/variants/*");
		return registration;
	}

}
