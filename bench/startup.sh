#!/usr/bin/env bash
# Launch-to-ready time and resident memory of CivicLoop, as the packaged jar and as the image.
#
#   bench/startup.sh [runs] [h2|postgres] [jar|image|both]
#
# jar:   `java -jar target/civicloop-*.jar` with no JVM options (the JVM's own defaults on this machine).
# image: the image of docker/Dockerfile (unpacked jar, class-data archive, heap from the container's limit),
#        built first, run with podman (../shared/containers/setup.sh) under --memory=1g, host networking.
# both:  the two one after the other, runs alternating, so that they are compared in one run of the script.
#
# Each run starts on an empty database (a fresh H2 file database, or a freshly emptied PostgreSQL database
# civicloop_bench), with the demo directory and 6 demo matters, and polls /actuator/health/readiness until it
# answers UP. It reports:
#   ready_ms  - from launching (the JVM, or `podman run`) to the first UP answer (includes schema creation,
#               deployment, directory loading and the demo matters)
#   rss_mib   - resident set size of the JVM (VmRSS) right after ready, and again after 30 s idle
# then the median of each over the runs. Run it on an otherwise quiet machine; compare figures only
# within one run of this script.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
db=${2:-h2}
layout=${3:-jar}
port=18080
secret=bench-evaluation-secret-for-this-machine-only

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is taken: stop what listens there first" >&2
  exit 1
fi

jar=$(ls target/civicloop-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -B -ntp package -DskipTests
  jar=$(ls target/civicloop-*.jar | grep -v original | head -n 1)
fi
if [ "$layout" != jar ]; then
  # shellcheck disable=SC1091
  source ../shared/containers/setup.sh >/dev/null
  $PODMAN build -q --format docker --build-arg BASE_IMAGE="$CIVICLOOP_BASE_IMAGE" --build-arg JAR="$jar" \
    -t localhost/civicloop:bench -f docker/Dockerfile . >/dev/null
fi

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

fresh_database() {
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists civicloop_bench with (force)" \
    -c "create database civicloop_bench" >/dev/null
}

# starts one node; sets pid (the JVM's, on this host) and stop (how to end it)
launch() {
  local how=$1 work=$2
  if [ "$how" = jar ]; then
    local args=(--server.port=$port)
    if [ "$db" = postgres ]; then
      args+=(--spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/civicloop_bench
             --civicloop.organization.demo=true --civicloop.matter.demo-matters=6 --civicloop.matter.evaluation-secret=$secret)
    else
      args+=(--spring.datasource.url=jdbc:h2:file:$work/civicloop)
    fi
    java -jar "$jar" "${args[@]}" > "$work/app.log" 2>&1 &
    pid=$!
    stop="kill $pid"
  else
    local env=(--env PORT=$port --env CIVICLOOP_DEMO=true --env CIVICLOOP_DEMO_MATTERS=6)
    if [ "$db" = postgres ]; then
      env+=(--env CIVICLOOP_DB_URL=jdbc:postgresql://127.0.0.1:5432/civicloop_bench --env CIVICLOOP_DB_USER=postgres
            --env CIVICLOOP_EVALUATION_SECRET=$secret)
    else
      env+=(--env SPRING_PROFILES_ACTIVE=default --env CIVICLOOP_DB_URL=jdbc:h2:file:/opt/civicloop/data/civicloop)
    fi
    $PODMAN rm --force --ignore civicloop-bench >/dev/null
    $PODMAN run --detach --name civicloop-bench --network=host --memory=1g "${env[@]}" localhost/civicloop:bench > "$work/container" 2>&1
    pid=$($PODMAN inspect --format '{{.State.Pid}}' civicloop-bench)
    stop="$PODMAN rm --force civicloop-bench"
  fi
}

declare -A ready rss idle
layouts=("$layout")
if [ "$layout" = both ]; then layouts=(jar image); fi
for i in $(seq 1 "$runs"); do
  for how in "${layouts[@]}"; do
    work=$(mktemp -d)
    if [ "$db" = postgres ]; then fresh_database; fi
    start=$(date +%s%N)
    launch "$how" "$work"
    until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; do
      if ! kill -0 "$pid" 2>/dev/null; then echo "CivicLoop ($how) died, see $work" >&2; exit 1; fi
      sleep 0.05
    done
    end=$(date +%s%N)
    ready[$how]+="$(( (end - start) / 1000000 )) "
    rss[$how]+="$(rss_mib "$pid") "
    sleep 30
    idle[$how]+="$(rss_mib "$pid") "
    $stop >/dev/null 2>&1 || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -rf "$work"
    echo "run $i ($how, $db): ready_ms=$(echo ${ready[$how]} | awk '{print $NF}') rss_mib=$(echo ${rss[$how]} | awk '{print $NF}') rss_after_30s_idle_mib=$(echo ${idle[$how]} | awk '{print $NF}')"
  done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for how in "${layouts[@]}"; do
  # shellcheck disable=SC2086
  echo "median over $runs runs ($how, $db): ready_ms=$(median ${ready[$how]}) rss_mib=$(median ${rss[$how]}) rss_after_30s_idle_mib=$(median ${idle[$how]})"
done
