package org.civicloop.open311;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.civicloop.matter.Categories;
import org.civicloop.matter.EvaluationTokens;
import org.civicloop.matter.Intake;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.organization.Directory;
import org.civicloop.system.EngineWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath;

/**
 * Open311's web layer alone: every refusal comes as GeoReport's error list in the format asked for, before any
 * matter is filed or read; the same records are written as JSON and as XML.
 */
@WebMvcTest(Open311Controller.class)
@AutoConfigureMockMvc(addFilters = false)
@TestPropertySource(properties = "civicloop.open311.api-keys.test-key=hotline-system")
class Open311ControllerWebTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Categories categories;

	@MockitoBean
	Directory directory;

	@MockitoBean
	Matters matters;

	@MockitoBean
	Intake intake;

	@MockitoBean
	EngineWork engine;

	@MockitoBean
	EvaluationTokens tokens;

	@TestConfiguration
	@EnableConfigurationProperties(Open311Properties.class)
	static class Settings {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
		}

	}

	@AfterEach
	void nothingElseWasAsked() {
		verifyNoMoreInteractions(matters, intake, tokens);
	}

	@Test
	void aFormatOtherThanJsonOrXmlIsNotFoundInJson() throws Exception {
		mvc.perform(get("/open311/v2/services.yaml")).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[0].code").value(404)).andExpect(jsonPath("$[0].description").value("Format must be json or xml"));
	}

	@Test
	void badFiltersAreRefusedInTheAskedFormatBeforeAnyRead() throws Exception {
		mvc.perform(get("/open311/v2/requests.xml").param("status", "open,pending")).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("text/xml"))
			.andExpect(xpath("/errors/error/code").string("400"))
			.andExpect(xpath("/errors/error/description").string("status must be open, closed or both"));
		mvc.perform(get("/open311/v2/requests.json").param("start_date", "yesterday")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$[0].description")
				.value("start_date must be an ISO 8601 date-time with offset, like 2026-11-28T08:00:00+08:00"));
		verifyNoInteractions(matters);
	}

	@Test
	void filingWithoutAKnownKeyOrWithCoordinatesThatAreNoNumbersFilesNothing() throws Exception {
		mvc.perform(file("json", "api_key=guessed&service_code=noise")).andExpect(status().isForbidden())
			.andExpect(jsonPath("$[0].description").value("api_key is missing or unknown"));
		mvc.perform(file("xml", "api_key=test-key&service_code=noise&lat=north")).andExpect(status().isBadRequest())
			.andExpect(xpath("/errors/error/description").string("lat must be a decimal number"));
		verifyNoInteractions(intake);
	}

	@Test
	void theIntakesRefusalNamesEveryBadField() throws Exception {
		when(engine.groupsOf("hotline-system")).thenReturn(List.of("intake-systems"));
		when(intake.register(any(NewMatter.class), any(), isNull())).thenThrow(new NewMatter.InvalidMatterException(
				new java.util.LinkedHashMap<>(Map.of("category", "is not in the category catalogue: teleportation"))));

		mvc.perform(file("json", "api_key=test-key&service_code=teleportation")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$[0].description").value("category is not in the category catalogue: teleportation"));
		verify(intake).register(any(NewMatter.class), eq(new org.civicloop.organization.Caller("hotline-system",
				java.util.Set.of("intake-systems"))), isNull());
	}

	@Test
	void theSameRecordsAreWrittenAsJsonAndAsXml() throws Exception {
		when(categories.all()).thenReturn(List.of(new Categories.Category("noise", "噪声扰民")));

		mvc.perform(get("/open311/v2/services.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].service_code").value("noise")).andExpect(jsonPath("$[0].service_name").value("噪声扰民"))
			.andExpect(jsonPath("$[0].metadata").value(true));
		mvc.perform(get("/open311/v2/services.xml")).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/xml"))
			.andExpect(xpath("/services/service/service_code").string("noise"))
			.andExpect(xpath("/services/service/service_name").string("噪声扰民"))
			.andExpect(xpath("/services/service/metadata").string("true"));
		mvc.perform(get("/open311/v2/discovery.xml")).andExpect(xpath("/discovery/endpoints/endpoint/formats/format[2]").string("text/xml"));
	}

	private static MockHttpServletRequestBuilder file(String format, String form) {
		return post("/open311/v2/requests." + format).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(form);
	}

}
