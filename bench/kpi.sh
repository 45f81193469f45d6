#!/usr/bin/env bash
# Assessment figures from the read model against the same from the engine's history, on a generated year of
# closed matters, and the read model's rebuild time (PostgreSQL database civicloop_bench, emptied first; see
# bench/README.md).
#
#   bench/kpi.sh [matters=1000000] [runs=20]
set -euo pipefail
cd "$(dirname "$0")/.."
db=postgres; matters=${1:-1000000}; runs=${2:-20}

. bench/prepare.sh
exec java -Xmx4g -cp "$cp" org.civicloop.bench.KpiBenchmark "$matters" "$runs" 2>&1 | grep -v "^\s*at \|WARN\|^$" | grep -v "^ *[|/\\\\_ ]*$"
