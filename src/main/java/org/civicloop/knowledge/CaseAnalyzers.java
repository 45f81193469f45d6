package org.civicloop.knowledge;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;

/**
 * How Chinese text is cut into terms: {@code bigram} (every two adjacent characters, Lucene's CJK analyzer) or
 * {@code smartcn} (words from Lucene's hidden-Markov-model segmenter). Which is better here is measured on the
 * labelled complaints ({@code bench/cases.sh}); the README has the figures.
 */
enum CaseAnalyzers {

	BIGRAM, SMARTCN;

	Analyzer create() {
		return switch (this) {
			case BIGRAM -> new CJKAnalyzer();
			case SMARTCN -> new SmartChineseAnalyzer();
		};
	}

}
