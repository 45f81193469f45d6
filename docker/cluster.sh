#!/usr/bin/env bash
# The compose topology without containers: CivicLoop nodes as plain JVMs on one PostgreSQL, each on its own
# port, with the postgres profile. For trying a cluster on one machine and for the cluster tests.
#
#   docker/cluster.sh start N [first-port]   # N nodes on ports first-port.. (default 18181), waits until each is ready
#   docker/cluster.sh stop                   # every node, gracefully (SIGTERM), then waits for them to end
#   docker/cluster.sh kill I                 # node I (1-based) at once: kill -9, as a crash would
#   docker/cluster.sh restart I              # node I again on its port, waits until it is ready
#   docker/cluster.sh status                 # each node: port, pid, ready or not
#
# Environment: CIVICLOOP_DB_URL (default jdbc:postgresql://127.0.0.1:5432/civicloop_cluster, created when
# missing), CIVICLOOP_DB_USER (postgres), CIVICLOOP_DB_PASSWORD, CIVICLOOP_EVALUATION_SECRET (a throwaway one
# when unset), CLUSTER_DIR (where pids and logs go: target/cluster), CLUSTER_JAR (target/civicloop-*.jar),
# CLUSTER_ARGS (more arguments for every node, e.g. --civicloop.organization.demo=true).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${CLUSTER_DIR:-target/cluster}
jar=${CLUSTER_JAR:-$(ls target/civicloop-*.jar 2>/dev/null | grep -v original | head -n 1 || true)}
db_url=${CIVICLOOP_DB_URL:-jdbc:postgresql://127.0.0.1:5432/civicloop_cluster}
mkdir -p "$dir"

ready() { curl -fs "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; }

port_of() { cat "$dir/node$1.port"; }

pid_of() { cat "$dir/node$1.pid" 2>/dev/null || true; }

alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

ensure_database() {
  local name=${db_url##*/}; name=${name%%\?*}
  if [[ "$db_url" == jdbc:postgresql://127.0.0.1:5432/* ]] || [[ "$db_url" == jdbc:postgresql://localhost:5432/* ]]; then
    if ! psql -h 127.0.0.1 -U "${CIVICLOOP_DB_USER:-postgres}" -d postgres -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
      psql -h 127.0.0.1 -U "${CIVICLOOP_DB_USER:-postgres}" -d postgres -qc "create database $name" >/dev/null
    fi
  fi
}

launch() {
  local i=$1 port=$2
  if [ -z "$jar" ] || [ ! -f "$jar" ]; then echo "no jar: run ./mvnw -B package -DskipTests first" >&2; exit 1; fi
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is taken" >&2; exit 1; fi
  echo "$port" > "$dir/node$i.port"
  # shellcheck disable=SC2086
  CIVICLOOP_DB_URL="$db_url" CIVICLOOP_DB_USER="${CIVICLOOP_DB_USER:-postgres}" CIVICLOOP_DB_PASSWORD="${CIVICLOOP_DB_PASSWORD:-}" \
  CIVICLOOP_EVALUATION_SECRET="${CIVICLOOP_EVALUATION_SECRET:-cluster-script-evaluation-secret-for-this-machine}" \
    setsid java ${CLUSTER_JAVA_OPTS:--Xmx512m} -jar "$jar" --spring.profiles.active=postgres --server.port="$port" \
      ${CLUSTER_ARGS:-} >> "$dir/node$i.log" 2>&1 < /dev/null &
  echo $! > "$dir/node$i.pid"
}

wait_ready() {
  local i=$1 port; port=$(port_of "$1")
  for _ in $(seq 1 600); do
    if ready "$port"; then return 0; fi
    if ! alive "$i"; then echo "node $i died, see $dir/node$i.log" >&2; tail -n 30 "$dir/node$i.log" >&2; exit 1; fi
    sleep 0.2
  done
  echo "node $i not ready after 120 s, see $dir/node$i.log" >&2
  exit 1
}

nodes() { ls "$dir"/node*.port 2>/dev/null | sed 's/.*node\([0-9]*\)\.port/\1/' | sort -n; }

case "${1:-}" in
  start)
    count=${2:?how many nodes}; first=${3:-18181}
    ensure_database
    # the first node alone creates or migrates the schema; the others start once it is ready
    launch 1 "$first"; wait_ready 1
    for i in $(seq 2 "$count"); do launch "$i" $((first + i - 1)); done
    for i in $(seq 2 "$count"); do wait_ready "$i"; done
    "$0" status ;;
  stop)
    for i in $(nodes); do if alive "$i"; then kill "$(pid_of "$i")"; fi; done
    for i in $(nodes); do while alive "$i"; do sleep 0.2; done; rm -f "$dir/node$i.pid"; done ;;
  kill)
    i=${2:?which node}
    if alive "$i"; then kill -9 "$(pid_of "$i")"; fi
    while alive "$i"; do sleep 0.05; done ;;
  restart)
    i=${2:?which node}
    if alive "$i"; then kill -9 "$(pid_of "$i")"; while alive "$i"; do sleep 0.05; done; fi
    launch "$i" "$(port_of "$i")"; wait_ready "$i" ;;
  status)
    for i in $(nodes); do
      port=$(port_of "$i")
      echo "node $i port $port pid $(pid_of "$i") $(alive "$i" && { ready "$port" && echo ready || echo starting; } || echo down)"
    done ;;
  *)
    sed -n '2,16p' "$0"; exit 2 ;;
esac
