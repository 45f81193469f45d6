package org.civicloop.variant;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.AuthorizationException;
import org.civicloop.organization.Caller;
import org.civicloop.organization.Unit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The variant API's web layer alone: files are read and checked for names before anything is deployed, an
 * unknown unit or a caller without rights is told so, and the guardrails' and the engine's refusals become
 * problem details. The deployments behind it are replaced; each test says what they were asked. The
 * guardrails themselves and real deployments are the integration tests' subject.
 */
@WebMvcTest(VariantController.class)
@AutoConfigureMockMvc(addFilters = false)
class VariantControllerWebTests {

	private static final TestingAuthenticationToken ADMIN = new TestingAuthenticationToken("shangtang.admin", null,
			"GROUP_unit-admins", "GROUP_unit-shangtang");

	private static final Caller ADMIN_CALLER = Caller.of(ADMIN);

	private static final byte[] MODEL = "<definitions/>".getBytes();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	VariantAccess access;

	@MockitoBean
	VariantDeployments deployments;

	@MockitoBean
	VariantHistory history;

	@MockitoBean
	VariantComparison comparison;

	@MockitoBean
	VariantActivation activation;

	@MockitoBean
	VariantFiles files;

	@BeforeEach
	void directory() {
		when(access.unit("shangtang")).thenReturn(Optional.of(new Unit("shangtang", "上塘村", Unit.Level.VILLAGE, "qingshi",
				"qingshi")));
		when(access.unit("atlantis")).thenReturn(Optional.empty());
		when(access.mayChange(ADMIN_CALLER, "shangtang")).thenReturn(true);
		when(access.mayRead(ADMIN_CALLER, "shangtang")).thenReturn(true);
	}

	@AfterEach
	void nothingWasDeployedUnlessSaid() {
		verify(access, atLeast(0)).unit(any());
		verify(access, atLeast(0)).mayChange(any(), any());
		verify(access, atLeast(0)).mayRead(any(), any());
		verifyNoMoreInteractions(deployments, history, comparison, activation);
	}

	@Test
	void aRequestWithoutFilesOrWithNamelessOrTwiceSentFilesDeploysNothing() throws Exception {
		mvc.perform(deploy("shangtang", new MockMultipartFile("files", "", null, MODEL))).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("every file needs a file name (.bpmn, .dmn or .form)"));
		mvc.perform(deploy("shangtang", new MockMultipartFile("files", "a/matter.bpmn", null, MODEL),
				new MockMultipartFile("files", "b\\matter.bpmn", null, MODEL)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("the file matter.bpmn is sent twice"));
		mvc.perform(deploy("shangtang", new MockMultipartFile("note", "", null, "only a note".getBytes())))
			.andExpect(status().isBadRequest());
	}

	@Test
	void anUnknownUnitIsNotFoundAndACallerWithoutRightsIsForbidden() throws Exception {
		mvc.perform(deploy("atlantis", new MockMultipartFile("files", "matter.bpmn", null, MODEL))).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("No unit atlantis in the organisation directory"));
		var villager = new TestingAuthenticationToken("shangtang.li", null, "GROUP_village-shangtang");
		mvc.perform(deploy("shangtang", new MockMultipartFile("files", "matter.bpmn", null, MODEL)).principal(villager))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/units/shangtang/variants").principal(villager)).andExpect(status().isForbidden());
	}

	@Test
	void theGuardrailsRefusalListsEveryViolation() throws Exception {
		var violations = List.of(new Violation("CODE-02", "matter.bpmn", "task_script", "<scriptTask>：脚本任务会运行代码"),
				new Violation("STAGE-01", "matter.bpmn", null, "缺少必需阶段 review（审核报结）"));
		when(deployments.validate(eq("shangtang"), anyMap())).thenReturn(violations);

		mvc.perform(multipart("/api/units/shangtang/variants/validation")
			.file(new MockMultipartFile("files", "matter.bpmn", null, MODEL)).principal(ADMIN))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("变体被拒绝"))
			.andExpect(jsonPath("$.detail").value("共 2 处违反护栏规则，未部署任何内容"))
			.andExpect(jsonPath("$.violations[0].rule").value("CODE-02"))
			.andExpect(jsonPath("$.violations[0].message").value("<scriptTask>：脚本任务会运行代码"))
			.andExpect(jsonPath("$.violations[1].element").doesNotExist());
		verify(deployments).validate(eq("shangtang"), anyMap());
	}

	@Test
	void theEnginesAuthorisationRefusalIsForbidden() throws Exception {
		when(history.of("shangtang")).thenThrow(new AuthorizationException("shangtang.admin may not read definitions"));

		mvc.perform(get("/api/units/shangtang/variants").principal(ADMIN)).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("shangtang.admin may not read definitions"));
		verify(history).effective("shangtang");
		verify(history).of("shangtang");
	}

	@Test
	void aDiffAgainstAnythingButTheBaseOrThePreviousVariantIsRefused() throws Exception {
		mvc.perform(get("/api/units/shangtang/variants/d-1/diff").param("against", "yesterday").principal(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("against must be base or previous, not yesterday"));
	}

	private static MockMultipartHttpServletRequestBuilder deploy(String unit, MockMultipartFile... files) {
		var request = multipart("/api/units/" + unit + "/variants");
		for (MockMultipartFile file : files) {
			request.file(file);
		}
		return (MockMultipartHttpServletRequestBuilder) request.principal(ADMIN);
	}

}
