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
