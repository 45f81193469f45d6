package org.civicloop.variant;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The variant editor at {@code /variants/}: a static page with bpmn-js and dmn-js bundled from npm at build
 * time ({@code editor/}), calling the variants facade on {@code /variants/api} with the webapps' session.
 */
@Configuration(proxyBeanMethods = false)
class VariantEditorPage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/variants", "/variants/");
		registry.addViewController("/variants/").setViewName("forward:/variants/index.html");
	}

}
