#!/usr/bin/env bash
# The case library's relevance and speed (no database): precision@5 and near-duplicate recall@5 of the similar
# cases on the labelled complaints (src/test/resources/cases/complaints.jsonl) for each analyzer, with the
# category and place boosts the handler's similar cases use and with text alone, against a category-only
# baseline; then the similar-cases query time with [cases] cases indexed.
#
#   bench/cases.sh [cases=100000] [queries=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.civicloop.knowledge.CaseBenchmark \
  "${1:-100000}" "${2:-2000}"
