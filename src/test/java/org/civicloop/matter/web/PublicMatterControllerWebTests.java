package org.civicloop.matter.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.civicloop.matter.Categories;
import org.civicloop.matter.Contact;
import org.civicloop.matter.EvaluationTokens;
import org.civicloop.matter.Matter;
import org.civicloop.matter.Matters;
import org.civicloop.matter.NewMatter;
import org.civicloop.matter.engine.MatterProcess;
import org.civicloop.matter.store.Timeline;
import org.civicloop.organization.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen's side of the API alone: without the right token or phone a matter is not found, as if it did not
 * exist, and nothing of it is read; a rating with a wrong token, a value outside the scale or an overlong comment
 * is refused before the process is asked; a matter not waiting for a rating is a conflict.
 */
@WebMvcTest(PublicMatterController.class)
@AutoConfigureMockMvc(addFilters = false)
class PublicMatterControllerWebTests {

	private static final String TRACKING_NO = "CL20261130000001";

	private static final Matter MATTER = new Matter(1, TRACKING_NO, "p4k7m2x9q3r8", "pi-1",
			new NewMatter("hotline", "complaint", "noise", "normal", "夜间施工噪声扰民", "hebin", "河滨路1号", "LW-HB-01",
					new Contact("张三", "13900001111")),
			"operator", new Matter.Progress("return-visit", "dept-urban", List.of(), Instant.parse("2026-11-30T01:00:00Z"),
					null, null, null, 0));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Matters matters;

	@MockitoBean
	Timeline timeline;

	@MockitoBean
	Categories categories;

	@MockitoBean
	Directory directory;

	@MockitoBean
	MatterProcess process;

	@MockitoBean
	EvaluationTokens tokens;

	@BeforeEach
	void oneMatter() {
		when(matters.byTrackingNo(TRACKING_NO)).thenReturn(Optional.of(MATTER));
		when(matters.byTrackingNo("CL20261130999999")).thenReturn(Optional.empty());
		when(tokens.matches(TRACKING_NO, "right-token")).thenReturn(true);
	}

	@AfterEach
	void nothingElseWasAsked() {
		verify(matters, atLeast(0)).byTrackingNo(anyString());
		verify(tokens, atLeast(0)).matches(anyString(), any());
		verifyNoMoreInteractions(matters, timeline, process, tokens);
	}

	@Test
	void withoutTheRightTokenOrPhoneAMatterIsNotFoundAsIfItDidNotExist() throws Exception {
		String detail = "No matter " + TRACKING_NO
				+ " for this token or phone number; give the token from your receipt or the phone you reported from";
		mvc.perform(get("/api/public/matters/" + TRACKING_NO)).andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(detail));
		mvc.perform(get("/api/public/matters/" + TRACKING_NO).param("token", "guessed")).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(detail));
		mvc.perform(get("/api/public/matters/" + TRACKING_NO).param("phone", "13900001112")).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(detail));
		mvc.perform(get("/api/public/matters/CL20261130999999").param("token", "right-token")).andExpect(status().isNotFound());
	}

	@Test
	void aRatingWithAnotherMattersTokenIsForbiddenAndReachesNoProcess() throws Exception {
		mvc.perform(evaluation(TRACKING_NO, "{\"token\": \"guessed\", \"satisfaction\": \"satisfied\", \"resolved\": true}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("The evaluation token does not belong to this matter"));
		mvc.perform(evaluation("CL20261130999999", "{\"token\": \"right-token\", \"satisfaction\": \"satisfied\", \"resolved\": true}"))
			.andExpect(status().isNotFound());
	}

	@Test
	void aRatingOutsideTheScaleWithoutResolvedOrWithAnOverlongCommentIsNamed() throws Exception {
		for (String body : List.of("{\"token\": \"right-token\", \"satisfaction\": \"ecstatic\", \"resolved\": true}",
				"{\"token\": \"right-token\", \"satisfaction\": \"satisfied\"}",
				"{\"token\": \"right-token\", \"satisfaction\": \"satisfied\", \"resolved\": true, \"comment\": \"" + "长".repeat(1001) + "\"}")) {
			mvc.perform(evaluation(TRACKING_NO, body)).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors.satisfaction").value(
						"must be satisfied, basically-satisfied or unsatisfied; resolved true or false; comment at most 1000 characters"));
		}
		mvc.perform(evaluation(TRACKING_NO, "not json")).andExpect(status().isBadRequest());
	}

	@Test
	void aMatterNotWaitingForARatingIsAConflict() throws Exception {
		doThrow(new MismatchingMessageCorrelationException("no execution waits")).when(process)
			.evaluate(eq(TRACKING_NO), eq("satisfied"), eq(true), isNull());

		mvc.perform(evaluation(TRACKING_NO, "{\"token\": \"right-token\", \"satisfaction\": \"satisfied\", \"resolved\": true}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("Matter " + TRACKING_NO + " is not waiting for an evaluation (stage return-visit)"));
		verify(process).evaluate(TRACKING_NO, "satisfied", true, null);
	}

	@Test
	void aRatingThatLosesARaceInTheEngineIsAConflictNotAFailure() throws Exception {
		doThrow(new org.camunda.bpm.engine.OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity' failed"))
			.when(process).evaluate(eq(TRACKING_NO), eq("satisfied"), eq(true), isNull());

		mvc.perform(evaluation(TRACKING_NO, "{\"token\": \"right-token\", \"satisfaction\": \"satisfied\", \"resolved\": true}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("Someone else changed this matter at the same moment; nothing was done twice. Look again"));
		verify(process).evaluate(TRACKING_NO, "satisfied", true, null);
	}

	private static MockHttpServletRequestBuilder evaluation(String trackingNo, String json) {
		return post("/api/public/matters/" + trackingNo + "/evaluation").contentType(MediaType.APPLICATION_JSON).content(json);
	}

}
