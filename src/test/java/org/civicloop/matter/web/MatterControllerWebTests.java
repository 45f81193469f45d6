package org.civicloop.matter.web;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.civicloop.matter.Categories;
import org.civicloop.matter.EvaluationTokens;
import org.civicloop.matter.Intake;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.store.MatterQueries;
import org.civicloop.matter.store.Timeline;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The matter API's web layer alone: how requests are read, which bad input it refuses before any work, and
 * how the refusals of the work behind it become problem details. Nothing of the engine or the database starts;
 * the work behind the controller is replaced, and each test says what it was asked (mostly: nothing). Who may
 * call what, and the work itself, are the integration tests' subject.
 */
@WebMvcTest(MatterController.class)
@AutoConfigureMockMvc(addFilters = false)
class MatterControllerWebTests {

	private static final TestingAuthenticationToken HOTLINE = new TestingAuthenticationToken("hotline-system", null,
			"GROUP_intake-systems");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Intake intake;

	@MockitoBean
	Matters matters;

	@MockitoBean
	MatterQueries queries;

	@MockitoBean
	Timeline timeline;

	@MockitoBean
	Categories categories;

	@MockitoBean
	Directory directory;

	@MockitoBean
	EvaluationTokens tokens;

	@TestConfiguration
	static class Clocks {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

	@AfterEach
	void nothingElseWasAsked() {
		verifyNoMoreInteractions(intake, matters, queries, timeline, tokens);
	}

	@Test
	void aBodyThatIsNotJsonIsABadRequestAndReachesNothing() throws Exception {
		mvc.perform(report("{\"channel\": \"hotline\",")).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(intake);
	}

	@Test
	void anIdempotencyKeyOutOfBoundsIsNamedAndNothingIsRegistered() throws Exception {
		mvc.perform(report("{}").header("Idempotency-Key", "k".repeat(201))).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid matter"))
			.andExpect(jsonPath("$.errors['Idempotency-Key']").value("must be 1 to 200 characters"));
		mvc.perform(report("{}").header("Idempotency-Key", "  ")).andExpect(status().isBadRequest());
		verifyNoInteractions(intake);
	}

	@Test
	void aReportTheIntakeRefusesAnswersEveryBadFieldAtOnce() throws Exception {
		when(intake.register(any(), eq(new Caller("hotline-system", Set.of("intake-systems"))), eq(null)))
			.thenThrow(new NewMatter.InvalidMatterException(Map.of("unit", "is required", "reporterPhone",
					"must be an 11-digit mainland mobile number")));

		mvc.perform(report("{\"channel\": \"hotline\", \"reporter\": {\"phone\": \"12\"}}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.detail").value("Some fields are missing or wrong; see errors"))
			.andExpect(jsonPath("$.errors.unit").value("is required"))
			.andExpect(jsonPath("$.errors.reporterPhone").value("must be an 11-digit mainland mobile number"));
		verify(intake).register(any(), any(), eq(null));
	}

	@Test
	void aRetryWhileTheFirstRequestIsStillRunningIsAConflict() throws Exception {
		when(intake.register(any(), any(), eq("key-1"))).thenThrow(new Intake.KeyInFlight());

		mvc.perform(report("{}").header("Idempotency-Key", "key-1")).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("has not finished")));
		verify(intake).register(any(), any(), eq("key-1"));
	}

	@Test
	void pagesAndSortsOutsideTheirBoundsAreRefusedBeforeAnyQuery() throws Exception {
		mvc.perform(list().param("size", "101")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.page").exists());
		mvc.perform(list().param("page", "-1")).andExpect(status().isBadRequest());
		mvc.perform(list().param("sort", "reporterPhone,asc")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.sort").value("must be registeredAt or dueAt, then asc or desc"));
		mvc.perform(list().param("sort", "dueAt,sideways")).andExpect(status().isBadRequest());
		mvc.perform(list().param("from", "last tuesday")).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(queries);
	}

	@Test
	void aMatterTheCallerMayNotSeeIsNotFoundAsIfItDidNotExist() throws Exception {
		when(queries.visible(any(), eq("CL-20261130-0001"))).thenReturn(Optional.empty());

		mvc.perform(get("/api/matters/CL-20261130-0001").principal(HOTLINE)).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("No matter CL-20261130-0001 that you may see"));
		verify(queries).visible(new Caller("hotline-system", Set.of("intake-systems")), "CL-20261130-0001");
	}

	private static MockHttpServletRequestBuilder report(String json) {
		return post("/api/matters").principal(HOTLINE).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	private static MockHttpServletRequestBuilder list() {
		return get("/api/matters").principal(HOTLINE);
	}

}
