#!/usr/bin/env bash
# Launch-to-ready time and resident memory of CivicLoop, measured on the packaged jar.
#
#   bench/startup.sh [runs] [h2|postgres]
#
# Each run starts `java -jar target/civicloop-*.jar` on an empty database (a fresh H2 file database
# under a temporary folder, or a freshly emptied PostgreSQL database civicloop_bench), with the demo
# directory and demo matters, and polls /actuator/health/readiness until it answers UP. It reports:
#   ready_ms  - from launching the JVM to the first UP answer (includes schema creation, deployment,
#               directory loading and the demo matters)
#   rss_mib   - resident set size of the JVM (VmRSS) right after ready, and again after 30 s idle
# then the median of each over the runs. Run it on an otherwise quiet machine; compare figures only
# within one run of this script.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
db=${2:-h2}
port=18080

jar=$(ls target/civicloop-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -B -ntp package -DskipTests
  jar=$(ls target/civicloop-*.jar | grep -v original | head -n 1)
fi

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

ready=(); rss=(); idle=()
for i in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  args=(--server.port=$port)
  if [ "$db" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists civicloop_bench" -c "create database civicloop_bench" >/dev/null
    args+=(--spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/civicloop_bench
           --civicloop.organization.demo=true --civicloop.matter.demo-matters=6
           --civicloop.matter.evaluation-secret=bench-evaluation-secret-for-this-machine-only)
  else
    args+=(--spring.datasource.url=jdbc:h2:file:$work/civicloop)
  fi
  start=$(date +%s%N)
  java -jar "$jar" "${args[@]}" > "$work/app.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; do
    if ! kill -0 $pid 2>/dev/null; then echo "CivicLoop died, see $work/app.log" >&2; exit 1; fi
    sleep 0.05
  done
  end=$(date +%s%N)
  ready+=($(( (end - start) / 1000000 )))
  rss+=($(rss_mib $pid))
  sleep 30
  idle+=($(rss_mib $pid))
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$work"
  echo "run $i ($db): ready_ms=${ready[-1]} rss_mib=${rss[-1]} rss_after_30s_idle_mib=${idle[-1]}"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median over $runs runs ($db): ready_ms=$(median "${ready[@]}") rss_mib=$(median "${rss[@]}") rss_after_30s_idle_mib=$(median "${idle[@]}")"
