package org.civicloop.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.civicloop.system.PlainFeel;

/**
 * A matter's two decisions ({@code route-matter}, {@code time-limits} of the county) evaluated on the bare DMN
 * engine, once with Camunda's FEEL engine and once with the plain-cell one the process engine uses, alternately in
 * rounds on one thread: time per matter's pair of decisions and the ratio. Run with
 * {@code bench/decisions.sh [pairs per round=20000] [rounds=5]}.
 */
public final class DecisionBenchmark {

	private static final List<Map<String, Object>> MATTERS = List.of(
			Map.of("category", "road-damage", "urgency", "normal", "matterType", "complaint", "channel", "hotline", "unit", "shangtang",
					"town", "qingshi", "unitLevel", "village", "gridCode", "QS-ST-01"),
			Map.of("category", "garbage", "urgency", "urgent", "matterType", "request", "channel", "wechat", "unit", "qingshi",
					"town", "qingshi", "unitLevel", "town"),
			Map.of("category", "noise", "urgency", "normal", "matterType", "complaint", "channel", "walk-in", "unit", "qinghe",
					"unitLevel", "county", "gridCode", "QH-URB-02"));

	private record Decisions(String name, DmnEngine engine, DmnDecision routing, DmnDecision limits) {

		Decisions(String name, DefaultDmnEngineConfiguration configuration) throws IOException {
			this(name, configuration.buildEngine(), null, null);
		}

		Decisions parsed() throws IOException {
			try (var routingFile = new FileInputStream("processes/route-matter.dmn");
					var limitsFile = new FileInputStream("processes/time-limits.dmn")) {
				return new Decisions(name, engine, engine.parseDecision("route-matter", Dmn.readModelFromStream(routingFile)),
						engine.parseDecision("time-limits", Dmn.readModelFromStream(limitsFile)));
			}
		}

		/** Nanoseconds per pair of decisions over {@code pairs} pairs. */
		double run(int pairs) {
			long start = System.nanoTime();
			int rows = 0;
			for (int i = 0; i < pairs; i++) {
				var variables = MATTERS.get(i % MATTERS.size());
				rows += engine.evaluateDecisionTable(routing, variables).size();
				rows += engine.evaluateDecisionTable(limits, variables).size();
			}
			if (rows < pairs) {
				throw new IllegalStateException("a matter without a routing or a limit");
			}
			return (System.nanoTime() - start) / (double) pairs;
		}

	}

	public static void main(String[] args) throws IOException {
		int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		var camunda = new Decisions("Camunda's FEEL engine",
				(DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration()).parsed();
		var plain = new Decisions("plain cells first", PlainFeel.dmnConfiguration()).parsed();
		// warm-up: both, as long as a round
		camunda.run(pairs);
		plain.run(pairs);
		double bestCamunda = Double.MAX_VALUE;
		double bestPlain = Double.MAX_VALUE;
		for (int round = 1; round <= rounds; round++) {
			double a = camunda.run(pairs);
			double b = plain.run(pairs);
			bestCamunda = Math.min(bestCamunda, a);
			bestPlain = Math.min(bestPlain, b);
			System.out.printf("round %d: %s %.1f µs, %s %.1f µs per matter's two decisions%n", round, camunda.name(), a / 1000,
					plain.name(), b / 1000);
		}
		System.out.printf("best: %s %.1f µs, %s %.1f µs: %.1fx faster%n", camunda.name(), bestCamunda / 1000, plain.name(),
				bestPlain / 1000, bestCamunda / bestPlain);
	}

}
