package org.civicloop.variant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allow-list knows every namespace the engine reads. The engine's parsers are read for the namespace
 * URIs they carry (their class files' constants), so that a namespace or alias added by a new engine version
 * fails this test instead of slipping past the guardrails.
 */
class AllowListUnitTests {

	/** Where the engine keeps its parsers, and the model APIs it reads models with. */
	private static final List<String> PARSER_PACKAGES = List.of("org/camunda/bpm/engine/impl/bpmn/parser/",
			"org/camunda/bpm/engine/impl/util/xml/", "org/camunda/bpm/engine/impl/form/", "org/camunda/bpm/engine/impl/dmn/",
			"org/camunda/bpm/model/", "org/camunda/bpm/dmn/");

	/** Addresses in the parsers that are settings of the XML parser or import types, not namespaces of models. */
	private static final Set<String> NOT_NAMESPACES = Set.of("http://java.sun.com/xml/jaxp/properties/schemaSource",
			"http://java.sun.com/xml/jaxp/properties/schemaLanguage", "http://xml.org/sax/features/namespace-prefixes",
			"http://xml.org/sax/features/external-parameter-entities", "http://xml.org/sax/features/external-general-entities",
			"http://javax.xml.XMLConstants/property/accessExternalSchema", "http://javax.xml.XMLConstants/feature/secure-processing",
			"http://apache.org/xml/features/nonvalidating/load-external-dtd", "http://apache.org/xml/features/disallow-doctype-decl",
			// the import type of WSDL imports; <import> is not on the allow-list
			"http://schemas.xmlsoap.org/wsdl/");

	private static final Pattern ADDRESS = Pattern.compile("https?://[\\x21-\\x7e]+");

	@Test
	void everyNamespaceTheEngineReadsIsAllowedOrRefusedByName() {
		var found = new TreeSet<String>();
		for (Class<?> from : List.of(BpmnParse.class, Bpmn.class, Dmn.class, org.camunda.bpm.dmn.engine.DmnEngine.class)) {
			found.addAll(addressesIn(jarOf(from)));
		}

		assertThat(found).as("namespaces read by the engine's parsers").contains(Xml.CAMUNDA, "http://activiti.org/bpmn",
				"http://www.camunda.com/fox");
		var unknown = new TreeSet<>(found);
		unknown.removeAll(AllowList.known());
		unknown.removeAll(NOT_NAMESPACES);
		assertThat(unknown).as("namespaces the allow-list says nothing about").isEmpty();
	}

	@Test
	void theEnginesAliasOfItsOwnNamespaceIsRefused() {
		String alias = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS.getAlternativeUri();

		assertThat(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS.getNamespaceUri()).isEqualTo(Xml.CAMUNDA);
		assertThat(AllowList.REFUSED_NAMESPACES).containsKey(alias);
	}

	private static Path jarOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The addresses among the constants of the parser classes in a jar, cut at the first colon after the scheme. */
	private static Set<String> addressesIn(Path jar) {
		var addresses = new TreeSet<String>();
		try (var file = new JarFile(jar.toFile())) {
			var entries = file.entries();
			while (entries.hasMoreElements()) {
				var entry = entries.nextElement();
				if (!entry.getName().endsWith(".class") || PARSER_PACKAGES.stream().noneMatch(entry.getName()::startsWith)) {
					continue;
				}
				try (var in = file.getInputStream(entry)) {
					Matcher matcher = ADDRESS.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
					while (matcher.find()) {
						String address = matcher.group();
						int colon = address.indexOf(':', address.indexOf("//") + 2);
						addresses.add(colon < 0 ? address : address.substring(0, colon));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return addresses;
	}

}
