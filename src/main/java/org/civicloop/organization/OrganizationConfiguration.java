package org.civicloop.organization;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrganizationConfiguration {

	@Bean
	Directory directory(OrganizationProperties properties) {
		return Directory.read(properties.directory());
	}

}
