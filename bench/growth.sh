#!/usr/bin/env bash
# Intake latency and the staff list as the matter table grows to each size (PostgreSQL database
# civicloop_bench, emptied first; see bench/README.md).
#
#   bench/growth.sh [sizes=10000,100000,1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
db=postgres; sizes=${1:-10000,100000,1000000}

. bench/prepare.sh
exec java -Xmx2g -cp "$cp" org.civicloop.bench.GrowthBenchmark "$sizes" 2>&1 | grep -v "^\s*at \|WARN\|^$"
