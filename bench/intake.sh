#!/usr/bin/env bash
# Intake throughput and latency: the facade against the engine's Java API and the engine REST API,
# same model and database, in one run (see bench/README.md).
#
#   bench/intake.sh [h2|postgres] [requests per path=1000] [offered rate per second=100] [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-h2}; requests=${2:-1000}; rate=${3:-100}; rounds=${4:-2}

./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
if [ "$db" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists civicloop_bench" -c "create database civicloop_bench" >/dev/null
else
  rm -rf target/bench-h2
fi
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.civicloop.bench.IntakeBenchmark "$db" "$requests" "$rate" "$rounds"
