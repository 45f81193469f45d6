#!/usr/bin/env bash
# A matter's two decisions (route-matter, time-limits) on the bare DMN engine: Camunda's FEEL engine against the
# plain-cell one the process engine uses, alternately on one thread (see bench/README.md). No database.
#
#   bench/decisions.sh [pairs per round=20000] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec java -cp "$cp" org.civicloop.bench.DecisionBenchmark "${1:-20000}" "${2:-5}" 2>&1 | grep -v "^\s*at \|INFO\|^$"
