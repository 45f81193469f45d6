package org.civicloop.knowledge;

import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;

/**
 * How Chinese text is cut into terms: {@code bigram} (every two adjacent characters, Lucene's CJK analyzer) or
 * {@code smartcn} (words from Lucene's hidden-Markov-model segmenter, without punctuation and {@link #FUNCTION_WORDS}).
 * Which is better here is measured on the labelled complaints ({@code bench/cases.sh}); the README has the figures.
 */
enum CaseAnalyzers {

	BIGRAM, SMARTCN;

	/**
	 * Words of nearly every complaint that say nothing of its problem: particles, pronouns, the commonest verbs
	 * and adverbs. Left out of the smartcn terms, a search no longer scores every case for them (half the time of a
	 * similar-cases search); the labelled complaints' precision@5 and near-duplicate recall@5 stay above 0.98.
	 */
	static final List<String> FUNCTION_WORDS = List.of("的", "了", "是", "在", "有", "和", "也", "就", "都", "很", "我",
			"我们", "你", "他", "她", "它", "这", "那", "个", "一", "一个", "不", "吗", "呢", "吧", "啊", "被", "把", "给", "让", "对",
			"与", "及", "等", "着", "过", "还", "又", "要", "会", "能", "已经");

	Analyzer create() {
		return switch (this) {
			case BIGRAM -> new CJKAnalyzer();
			case SMARTCN -> new SmartChineseAnalyzer(smartcnStopWords());
		};
	}

	private static CharArraySet smartcnStopWords() {
		var words = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
		words.addAll(FUNCTION_WORDS);
		return words;
	}

}
