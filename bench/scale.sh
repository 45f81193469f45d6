#!/usr/bin/env bash
# One node against two on the same PostgreSQL, in one run: intake and the whole loop over HTTP, the database's
# cost per matter and where the CPU goes (see bench/README.md, "Scale").
#
#   bench/scale.sh [matters for intake and for the loop=1000] [clients=8] [warm-up matters=500]
#
# Each configuration starts on an emptied database civicloop_scale with docker/cluster.sh (the packaged jar,
# the postgres profile, the demo accounts), warms up with whole loops, then measures.
set -euo pipefail
cd "$(dirname "$0")/.."
matters=${1:-1000}; clients=${2:-8}; warm=${3:-500}
db=civicloop_scale
dir=target/cluster-scale

. bench/prepare.sh
./mvnw -q -B -ntp package -DskipTests
export CLUSTER_DIR=$dir CIVICLOOP_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db
export CLUSTER_ARGS="--civicloop.organization.demo=true --civicloop.matter.demo-matters=0"
trap 'docker/cluster.sh stop >/dev/null 2>&1 || true' EXIT

for nodes in 1 2; do
  docker/cluster.sh stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" -c "create database $db" >/dev/null
  docker/cluster.sh start "$nodes" 18281 >/dev/null
  echo "== $nodes node(s), $clients clients"
  java -Xmx1g -cp "$cp" org.civicloop.bench.ScaleBenchmark "$dir" "$db" "$warm" "$matters" "$matters" "$clients" 2>&1 | grep -v "^\s*at \|WARN\|^$"
  docker/cluster.sh stop
done
