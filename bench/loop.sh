#!/usr/bin/env bash
# The whole loop, intake to closure, over HTTP (facade + /engine-rest as the cadres) and on the engine's
# Java API, same model and database, in one run; throughput, step latencies and the database cost per
# closed matter (see bench/README.md). Then the same for a baseline commit (default: the state before the
# history was trimmed to what its readers read), on an emptied database, and the ratio of the two.
#
#   bench/loop.sh [h2|postgres] [matters per path and round=200] [clients=4] [rounds=2]
#   CIVICLOOP_BASELINE=<commit>|none bench/loop.sh ...
#   CIVICLOOP_BENCH_TEXTS=same bench/loop.sh ...   (every matter with one text, as before 2026-11-29)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-h2}; matters=${2:-200}; clients=${3:-4}; rounds=${4:-2}
baseline=${CIVICLOOP_BASELINE:-8128e54}

. bench/prepare.sh
if [ "$db" = postgres ]; then
  # the server's own setting, not changed here: without autovacuum the engine's runtime tables bloat during
  # the run and their lookups slow down (README, "Cost per matter")
  echo "PostgreSQL autovacuum: $(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show autovacuum')"
fi
run() { java -Xmx2g ${CIVICLOOP_BENCH_TEXTS:+-Dbench.texts=$CIVICLOOP_BENCH_TEXTS} -cp "$1" org.civicloop.bench.LoopBenchmark "$db" "$matters" "$clients" "$rounds" 2>&1 | grep -v "^\s*at \|WARN\|^$"; }

echo "== this checkout ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with uncommitted changes'))"
run "$cp" | tee target/loop-current.txt

if [ "$baseline" != none ]; then
  src=target/loop-baseline
  compile_baseline "$baseline"
  empty_database
  echo; echo "== baseline $(git rev-parse --short "$baseline") (its classes, this checkout's benchmark)"
  run "target/test-classes:$src/target/classes:$(cat target/bench-classpath.txt)" | tee target/loop-baseline.txt
  now=$(awk '/^http /{print $2}' target/loop-current.txt); was=$(awk '/^http /{print $2}' target/loop-baseline.txt)
  echo; awk -v now="$now" -v was="$was" 'BEGIN { printf "whole loop over HTTP: %.1f closed/s now, %.1f at the baseline: %.2fx\n", now, was, now / was }'
fi
