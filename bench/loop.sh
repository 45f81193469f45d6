#!/usr/bin/env bash
# The whole loop, intake to closure, over HTTP (facade + /engine-rest as the cadres) and on the engine's
# Java API, same model and database, in one run; throughput, step latencies and the database cost per
# closed matter (see bench/README.md).
#
#   bench/loop.sh [h2|postgres] [matters per path=200] [clients=4]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-h2}; matters=${2:-200}; clients=${3:-4}

. bench/prepare.sh
exec java -Xmx2g -cp "$cp" org.civicloop.bench.LoopBenchmark "$db" "$matters" "$clients"
