package org.civicloop.knowledge;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Similar cases as the handler gets them — the analyzer and weights CivicLoop uses — on the labelled complaints:
 * at least 0.8 of the first five of the complaint's category and at least 0.9 of its known near-duplicates among
 * them. {@code bench/cases.sh} prints the same for every analyzer and for text alone.
 */
class CaseRelevanceUnitTests {

	private final List<CaseRelevance.Complaint> complaints = CaseRelevance.complaints();

	@Test
	void theLabelledSetIsWhatItSays() {
		assertThat(complaints).hasSizeGreaterThanOrEqualTo(300);
		assertThat(complaints.stream().map(CaseRelevance.Complaint::category).distinct()).hasSize(14);
		assertThat(complaints.stream().filter(complaint -> complaint.group() != null).count()).isGreaterThanOrEqualTo(100);
	}

	@Test
	void theMeasuredAnalyzerIsTheDefault() {
		var bound = new org.springframework.boot.context.properties.bind.Binder(
				new org.springframework.boot.context.properties.source.MapConfigurationPropertySource())
			.bindOrCreate("civicloop.knowledge", KnowledgeProperties.class);
		assertThat(bound.analyzer()).isEqualTo(KnowledgeProperties.DEFAULT_ANALYZER);
		assertThat(bound.hotspots().windows()).containsExactly(1, 3, 7);
	}

	@Test
	void theHandlersSimilarCasesMeetTheTargets() throws Exception {
		try (var index = CaseRelevance.indexOf(KnowledgeProperties.DEFAULT_ANALYZER, complaints)) {
			var result = CaseRelevance.measure("default", index, complaints, CaseIndex.Weights.DEFAULT);

			assertThat(result.precisionAt5()).as(result.toString()).isGreaterThanOrEqualTo(0.8);
			assertThat(result.nearDuplicateRecallAt5()).as(result.toString()).isGreaterThanOrEqualTo(0.9);
		}
	}

}
