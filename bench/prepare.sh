# Sourced by the benchmarks: compiles, writes the test classpath to $cp, and empties the database named by
# $db (h2: target/bench-h2; postgres: civicloop_bench, dropped and created anew); empty_database does it again.
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
empty_database() {
  if [ "$db" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists civicloop_bench" -c "create database civicloop_bench" >/dev/null
  else
    rm -rf target/bench-h2
  fi
}
empty_database
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
# compile_baseline <commit>: that commit's main classes in a git worktree under target/loop-baseline (kept between
# runs while it is the same commit); loop.sh and ab.sh drive them with this checkout's benchmark classes
compile_baseline() {
  local src=target/loop-baseline
  if [ ! -d "$src" ] || [ "$(git -C "$src" rev-parse HEAD)" != "$(git rev-parse "$1")" ]; then
    rm -rf "$src"; git worktree prune; git worktree add -q --detach "$src" "$1"
  fi
  (cd "$src" && ./mvnw -q -B -ntp compile)
}
