package org.civicloop.assessment;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard page at {@code /dashboard/}: static files (ECharts from its webjar), under the policy of
 * CivicLoop's own pages (security's {@code PagePolicy}).
 */
@Configuration(proxyBeanMethods = false)
class DashboardPage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/dashboard", "/dashboard/");
		registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
	}

}
