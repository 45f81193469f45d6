#!/usr/bin/env bash
# Warnings falling due, drained by the job executor with their notifications written: Camunda's default
# job-executor settings, then CivicLoop's tuned ones (application.yml), each on an emptied database, one run.
# Drain rate (warnings due at once), lag from due time to notification at half that rate, and a burst of
# warnings due at once (see bench/README.md). Both runs register the same number of matters.
#
#   bench/timers.sh [postgres|h2] [drain=2000] [steady=1000] [burst=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-postgres}; drain=${2:-2000}; steady=${3:-1000}; burst=${4:-10000}

. bench/prepare.sh
run() { java -Xmx2g -cp "$cp" org.civicloop.bench.TimerBenchmark "$db" "$@" 2>&1 | grep -v "^\s*at \|WARN\|^$" | grep -v "^ *[|/\\\\_ ]*$"; }

echo "== Camunda's default job-executor settings"
run default "$drain" "$steady" "$burst" | tee target/timers-default.txt
empty_database
echo; echo "== tuned (application.yml)"
run tuned "$drain" "$steady" "$burst" | tee target/timers-tuned.txt
was=$(awk '/^drain:/ { for (i = 1; i <= NF; i++) if ($i == "per") print $(i - 1) }' target/timers-default.txt)
now=$(awk '/^drain:/ { for (i = 1; i <= NF; i++) if ($i == "per") print $(i - 1) }' target/timers-tuned.txt)
echo; awk -v now="$now" -v was="$was" 'BEGIN { printf "drain rate: %.1f/s tuned, %.1f/s default: %.2fx\n", now, was, now / was }'
