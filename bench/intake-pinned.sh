#!/usr/bin/env bash
# Intake throughput with the server and the HTTP load generator on separate cores: the CivicLoop JVM is
# pinned to CPU 0 (the Java-API load runs inside it, as in bench/intake.sh), the HTTP load generator is a
# separate JVM pinned to CPU 1. So every path gets the same single core for its server-side work, and the
# HTTP paths no longer pay for their client on the server's core. Needs taskset and 2 CPUs.
#
#   bench/intake-pinned.sh [h2|postgres] [requests per path=400] [offered rate per second=40] [rounds=2]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-h2}; requests=${2:-400}; rate=${3:-40}; rounds=${4:-2}

. bench/prepare.sh
main=org.civicloop.bench.IntakeBenchmark

coproc SERVER { taskset -c 0 java -Xmx2g -cp "$cp" "$main" server "$db" 2>&1; }
port=""
while read -r line <&"${SERVER[0]}"; do
  case "$line" in PORT*) port=${line#PORT }; break ;; esac
done
[ -n "$port" ] || { echo "the server did not start" >&2; exit 1; }

phone=13000000000
java_load() { echo "java $1 $2 $phone" >&"${SERVER[1]}"; phone=$((phone + 100000));
  while read -r line <&"${SERVER[0]}"; do case "$line" in RESULT*) echo "$line"; break ;; esac; done; }
http_load() { taskset -c 1 java -Xmx512m -cp "$cp" "$main" client "http://127.0.0.1:$port" "$1" "$2" "$3" "$phone" 2>/dev/null | grep '^RESULT';
  phone=$((phone + 100000)); }

echo "warm-up (200 each at 30/s)"
java_load 200 30 >/dev/null; http_load facade 200 30 >/dev/null; http_load rest 200 30 >/dev/null
for round in $(seq 1 "$rounds"); do
  echo "round $round: $requests requests per path at $rate/s offered, $db"
  java_load "$requests" "$rate"
  http_load facade "$requests" "$rate"
  http_load rest "$requests" "$rate"
done
echo quit >&"${SERVER[1]}"
wait
