package org.civicloop.knowledge;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The case library's index on its own: what makes two texts similar, and how it holds up as it grows. */
class CaseIndexUnitTests {

	@Test
	void sharedFunctionWordsAloneMakeNoSimilarity() throws Exception {
		try (var index = new CaseIndex(CaseAnalyzers.SMARTCN)) {
			index.put(List.of(matter("a", "这里的路灯已经坏了"), matter("b", "小区门口的垃圾桶满了")));
			index.refresh();

			assertThat(index.similar("我们的狗叫了一个晚上", "noise", null, null, CaseIndex.Weights.DEFAULT, 5, null)).isEmpty();
			assertThat(index.similar("路灯坏了", "noise", null, null, CaseIndex.Weights.DEFAULT, 5, null))
				.extracting(hit -> hit.found().id()).containsExactly("a");
		}
	}

	@Test
	void similarCasesAreFoundByWhatTheCitizenWroteNotByTheReply() throws Exception {
		try (var index = new CaseIndex(CaseAnalyzers.SMARTCN)) {
			index.put(List.of(matter("a", "这里的路灯已经坏了", "已更换灯泡，恢复照明"), matter("b", "小区门口的垃圾桶满了", "已清运垃圾")));
			index.refresh();

			assertThat(index.similar("灯泡不亮，需要更换", "streetlight", null, null, CaseIndex.Weights.DEFAULT, 5, null)).isEmpty();
			assertThat(index.similar("路灯坏了", "streetlight", null, null, CaseIndex.Weights.DEFAULT, 5, null))
				.extracting(hit -> hit.found().id()).containsExactly("a");
			// the search of the library still reads the replies
			assertThat(index.find("更换灯泡", null, null, null, CaseIndex.Visibility.ALL, 0, 5).hits())
				.extracting(hit -> hit.found().id()).containsExactly("a");
		}
	}

	@Test
	void anIndexGrownByRefreshesStaysInFewSegments() throws Exception {
		var complaints = CaseRelevance.complaints();
		try (var index = new CaseIndex(CaseAnalyzers.SMARTCN)) {
			for (int refresh = 0; refresh < 60; refresh++) {
				var cases = new ArrayList<CaseIndex.Case>();
				for (int i = 0; i < 50; i++) {
					var complaint = complaints.get((refresh * 50 + i) % complaints.size());
					cases.add(matter(refresh + "-" + i, complaint.description()));
				}
				index.put(cases);
				index.refresh();
			}

			assertThat(index.size()).isEqualTo(3000);
			// Lucene's default merge policy leaves about ten here
			assertThat(index.segments()).isLessThanOrEqualTo(4);
		}
	}

	private static CaseIndex.Case matter(String id, String description) {
		return matter(id, description, null);
	}

	private static CaseIndex.Case matter(String id, String description, String handling) {
		return new CaseIndex.Case(id, CaseIndex.MATTER, "CL-" + id, null, "streetlight", "qingshi", null, null, List.of("dept-urban"),
				description, handling, null, null, null, null);
	}

}
