package org.civicloop.open311;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.xml.MappingJackson2XmlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Open311 writes its XML itself ({@link Open311Format}); every other answer is JSON. Without this, the XML
 * module Open311 brings would answer a browser's {@code Accept: application/xml} on the API in XML.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyApi implements WebMvcConfigurer {

	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.removeIf(MappingJackson2XmlHttpMessageConverter.class::isInstance);
	}

}
