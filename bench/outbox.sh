#!/usr/bin/env bash
# Warnings' webhook messages carried from the timer's transaction to a receiver by three outboxes, one after
# the other on an emptied database with the tuned job executor, same load (see bench/README.md):
#   civicloop    CivicLoop's own: notification_delivery rows, sent by NotificationSender's poll
#   camunda-job  Camunda's asynchronous jobs: a message job per warning, run by the job executor
#   modulith     Spring Modulith's event publication registry (event_publication), an asynchronous listener
#
#   bench/outbox.sh [postgres|h2] [drain=2000] [steady=1000] [burst=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-postgres}; drain=${2:-2000}; steady=${3:-1000}; burst=${4:-5000}

. bench/prepare.sh
./mvnw -q -B -ntp -Pbench-modulith dependency:build-classpath -Dmdep.outputFile=target/bench-classpath-modulith.txt -Dmdep.includeScope=test
for outbox in civicloop camunda-job modulith; do
  classpath=$cp
  [ "$outbox" = modulith ] && classpath="target/test-classes:target/classes:$(cat target/bench-classpath-modulith.txt)"
  echo "== outbox: $outbox"
  java -Xmx2g -cp "$classpath" org.civicloop.bench.TimerBenchmark "$db" tuned "$drain" "$steady" "$burst" "$outbox" 2>&1 \
    | grep -v "^\s*at \|WARN\|^$" | grep -v "^ *[|/\\\\_ ]*$" > "target/outbox-$outbox.txt"; cat "target/outbox-$outbox.txt"
  empty_database
  echo
done
