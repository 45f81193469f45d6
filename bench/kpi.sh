#!/usr/bin/env bash
# Assessment figures from the read model against the same from the engine's history, on a generated year of
# closed matters, and the read model's rebuild time (PostgreSQL database civicloop_bench, emptied first; see
# bench/README.md).
#
#   bench/kpi.sh [matters=1000000] [runs=20] [keep]
# keep: use the year the last run generated when the database still holds exactly that many matters
set -euo pipefail
cd "$(dirname "$0")/.."
db=postgres; matters=${1:-1000000}; runs=${2:-20}

if [ "${3:-}" = keep ]; then
  empty_database() { :; }
  ./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
  cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
else
  . bench/prepare.sh
fi
exec java -Xmx4g -cp "$cp" org.civicloop.bench.KpiBenchmark "$matters" "$runs" 2>&1 | grep -v "^\s*at \|WARN\|^$" | grep -v "^ *[|/\\\\_ ]*$"
