package org.civicloop.system;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Camunda's REST API looks its engine up through a {@link java.util.ServiceLoader} each time it makes a resource,
 * that is on every request, and the service loader asks every jar of the class path for the provider's service
 * file again (about 3 % of a node's CPU when the cadres' work runs over {@code /engine-rest}). While such a
 * request runs, the thread's context class loader is one that remembers where service files are found and asks
 * the original loader for everything else, so classes, resources and the providers found are the same.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestServiceFiles {

	@Bean
	FilterRegistrationBean<Filter> rememberedServiceFiles() {
		var registration = new FilterRegistrationBean<Filter>(new Remembering());
		registration.setName("engine-rest-service-files");
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Runs the request with the remembering loader over the thread's own. */
	static final class Remembering implements Filter {

		private volatile ServiceFiles last;

		@Override
		public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
				jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
			Thread thread = Thread.currentThread();
			ClassLoader own = thread.getContextClassLoader();
			if (own == null) {
				chain.doFilter(request, response);
				return;
			}
			ServiceFiles loader = last;
			if (loader == null || loader.getParent() != own) {
				loader = new ServiceFiles(own);
				last = loader;
			}
			thread.setContextClassLoader(loader);
			try {
				chain.doFilter(request, response);
			}
			finally {
				thread.setContextClassLoader(own);
			}
		}

	}

	/** A class loader that remembers the places of {@code META-INF/services/} files and delegates everything else. */
	static final class ServiceFiles extends ClassLoader {

		private static final String SERVICES = "META-INF/services/";

		private final Map<String, List<URL>> found = new ConcurrentHashMap<>();

		ServiceFiles(ClassLoader parent) {
			super(parent);
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			if (!name.startsWith(SERVICES)) {
				return super.getResources(name);
			}
			List<URL> places = found.get(name);
			if (places == null) {
				places = List.copyOf(Collections.list(super.getResources(name)));
				found.put(name, places);
			}
			return Collections.enumeration(places);
		}

	}

}
