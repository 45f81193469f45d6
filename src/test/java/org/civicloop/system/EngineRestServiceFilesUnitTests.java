package org.civicloop.system;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The remembering loader finds the same service providers as the application's, asking it once per service file. */
class EngineRestServiceFilesUnitTests {

	/** The application's class loader, counting how often it is asked for resources. */
	static final class Counting extends ClassLoader {

		final AtomicInteger asked = new AtomicInteger();

		Counting() {
			super(EngineRestServiceFilesUnitTests.class.getClassLoader());
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			asked.incrementAndGet();
			return super.getResources(name);
		}

	}

	@Test
	void findsTheSameProvidersAndAsksForTheirFileOnce() throws IOException {
		var application = new Counting();
		var remembering = new EngineRestServiceFiles.ServiceFiles(application);
		String file = "META-INF/services/" + ProcessEngineProvider.class.getName();

		var expected = ServiceLoader.load(ProcessEngineProvider.class, application).stream().map(p -> p.type().getName()).toList();
		application.asked.set(0);
		for (int i = 0; i < 3; i++) {
			var found = ServiceLoader.load(ProcessEngineProvider.class, remembering).stream().map(p -> p.type().getName()).toList();
			assertThat(found).isEqualTo(expected).isNotEmpty();
		}
		assertThat(application.asked).hasValue(1);
		assertThat(Collections.list(remembering.getResources(file))).isEqualTo(Collections.list(application.getResources(file)));
	}

	@Test
	void asksTheApplicationsLoaderForEverythingElse() throws Exception {
		var application = new Counting();
		var remembering = new EngineRestServiceFiles.ServiceFiles(application);

		remembering.getResources("application.yml");
		remembering.getResources("application.yml");

		assertThat(application.asked).hasValue(2);
		assertThat(remembering.loadClass(PlainFeel.class.getName())).isSameAs(PlainFeel.class);
	}

}
