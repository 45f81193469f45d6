#!/usr/bin/env bash
# The whole loop over HTTP against this checkout (A) and a baseline commit (B) started side by side, each in its
# own JVM on its own PostgreSQL database, warmed up and then driven in alternating rounds, so that the drift of
# this shared machine falls on both alike (org.civicloop.bench.AlternatingLoop; see bench/README.md).
#
#   bench/ab.sh [matters per round=500] [clients=4] [warm-up rounds per side=6] [pairs=4]
#   CIVICLOOP_BASELINE=<commit> bench/ab.sh ...   (default 8128e54, as bench/loop.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
matters=${1:-500}; clients=${2:-4}; warmups=${3:-6}; pairs=${4:-4}
baseline=${CIVICLOOP_BASELINE:-8128e54}
db=postgres

. bench/prepare.sh
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists civicloop_bench_b" -c "create database civicloop_bench_b" >/dev/null
echo "PostgreSQL autovacuum: $(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show autovacuum')"

src=target/loop-baseline
compile_baseline "$baseline"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
serve() { # classpath, database, log: starts a server, sets $url and $pid
  java -Xmx2g -cp "$1" org.civicloop.bench.BenchServer "jdbc:postgresql://127.0.0.1:5432/$2" > "$3" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 180); do
    url=$(awk '/^ready /{print $2}' "$3")
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -20 "$3"; return 1; }
    sleep 1
  done
  echo "server did not start: $3"; return 1
}
serve "$cp" civicloop_bench target/ab-a.log; url_a=$url; pid_a=$pid
serve "target/test-classes:$src/target/classes:$(cat target/bench-classpath.txt)" civicloop_bench_b target/ab-b.log; url_b=$url; pid_b=$pid
echo "A: this checkout ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with uncommitted changes')), B: baseline $(git rev-parse --short "$baseline")"
java -cp "$cp" org.civicloop.bench.AlternatingLoop "$matters" "$clients" "$warmups" "$pairs" \
  "$url_a" "$pid_a" jdbc:postgresql://127.0.0.1:5432/civicloop_bench "$url_b" "$pid_b" jdbc:postgresql://127.0.0.1:5432/civicloop_bench_b
