#!/usr/bin/env bash
# Intake throughput and latency: the facade against the engine's Java API and the engine REST API,
# same model and database, in one run (see bench/README.md).
#
#   bench/intake.sh [h2|postgres] [requests per path=1000] [offered rate per second=100] [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-h2}; requests=${2:-1000}; rate=${3:-100}; rounds=${4:-2}

. bench/prepare.sh
exec java -Xmx2g -cp "$cp" \
  org.civicloop.bench.IntakeBenchmark "$db" "$requests" "$rate" "$rounds"
