#!/usr/bin/env bash
# Where the node's CPU goes in the whole loop: LoopBenchmark (see loop.sh) with a flight recording from the JVM's
# start, then JfrSummary over the samples taken while the measured rounds of a path ran (warm-ups left out) —
# by thread, by CivicLoop's methods and the engine's commands, and MyBatis building against running the engine's
# statements. The recording stays in target/loop.jfr for a closer look (jfr print, JDK Mission Control).
#
#   bench/profile.sh [h2|postgres] [matters per path and round=400] [clients=4] [rounds=2] [http|java=http]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-h2}; matters=${2:-400}; clients=${3:-4}; rounds=${4:-2}; path=${5:-http}

. bench/prepare.sh
# from the start: a recording begun later (jcmd) makes the JIT throw away its compiled code and measures that
java -Xmx2g -XX:StartFlightRecording=filename=target/loop.jfr,settings=profile -XX:FlightRecorderOptions:stackdepth=256 \
  ${CIVICLOOP_BENCH_TEXTS:+-Dbench.texts=$CIVICLOOP_BENCH_TEXTS} -cp "$cp" org.civicloop.bench.LoopBenchmark \
  "$db" "$matters" "$clients" "$rounds" 2>&1 | grep -E "^(warm-up|round|http|java)"
echo
java -Xmx2g -cp "$cp" org.civicloop.bench.JfrSummary target/loop.jfr "$path"
