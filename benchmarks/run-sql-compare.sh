#!/usr/bin/env bash
# End-to-end SQL comparison, Troupe vs DuckDB (docs/benchmarks.md, section "SQL end to end"): builds the
# modules it needs, then loads the same generated events into Troupe and into DuckDB in one run, times the
# report queries (funnels, retention and microscope included) in both, checks the answers are identical and
# prints a markdown table. With --clickhouse it also starts a throwaway ClickHouse server
# (benchmarks/clickhouse/start-clickhouse.sh, installing Debian's package when missing) and times the funnels,
# retention and microscope there.
# Usage: benchmarks/run-sql-compare.sh [--events N] [--seed S] [--days D] [--runs R] [--warmup W] [--dir DIR]
#            [--threads T] [--troupe-threads T] [--duckdb-threads T] [--duckdb-memory] [--clickhouse]
#            [--clickhouse-script FILE] [--cache] [--keep] [--write-docs] [--docs FILE]
#   defaults: 10,000,000 events, seed 42, 30 days, 7 runs after 3 warm-ups, both engines on every core,
#   scratch folder -Dtroupe.bench.dir or /tmp/troupe-bench (deleted afterwards unless --keep).
#   --write-docs replaces the section between <!-- sql-compare:begin/end --> in docs/benchmarks.md.
# Environment: HEAP (default 8g), SKIP_BUILD=1 to use the classes already built, MVN_OPTS (default -o),
#   JAVA_OPTS for the comparison's JVM (-Dtroupe.bench.withoutInsertIds=true loads the events without insert
#   ids, so the store keeps no dedup state: for sizes the dedup index cannot hold yet, see docs/benchmarks.md).
# Exit status 1 when an answer differs or a query fails. The output is also kept in
# benchmarks/target/sql-compare.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${HEAP:-8g}
MVN_OPTS=${MVN_OPTS:--o}
LIB=benchmarks/target/sql-compare-lib

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # One reactor build of this checkout's modules: nothing is installed into ~/.m2 (other checkouts share it);
  # copy-dependencies takes the engine's modules from their target/ jars and the rest from ~/.m2.
  rm -rf "$LIB"
  # shellcheck disable=SC2086
  mvn -B -q $MVN_OPTS package dependency:copy-dependencies -DskipTests -pl benchmarks -am \
      -DincludeScope=runtime -DoutputDirectory="$PWD/$LIB"
fi

# Run from private copies of the classes and jars: a concurrent `mvn install` (or clean) elsewhere replaces
# the jars in ~/.m2 and target/ under a running JVM, which then fails to load its next class.
RUN=$(mktemp -d "${TMPDIR:-/tmp}/sql-compare-run.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
cp -r benchmarks/target/classes "$RUN/classes"
cp -r "$LIB" "$RUN/lib"

# The parent pom's troupe.jvm.flags (Arrow, Chronicle Map), filtered into an @argfile by the build.
set +e
# shellcheck disable=SC2086
java @"$RUN/classes/jvm.flags" -Xms"$HEAP" -Xmx"$HEAP" ${JAVA_OPTS:-} -cp "$RUN/classes:$RUN/lib/*" \
    io.troupe.bench.compare.SqlCompare "$@" 2>&1 | grep --line-buffered -v ' INFO ' | tee benchmarks/target/sql-compare.txt
status=${PIPESTATUS[0]}
exit "$status"
