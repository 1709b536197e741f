#!/usr/bin/env bash
# HTTP ingest throughput (docs/benchmarks.md, section "HTTP ingest"): builds the modules it needs, then posts
# generated B2B events in batches of 1,000 to /2/httpapi of a real server on loopback with 1, 2, 4 and 8
# keep-alive clients (durable acknowledgements: each answer after the WAL fsync), and measures decoding alone and
# EventStore.ingest alone on the same data in the same run. Prints a markdown table.
# Usage: benchmarks/run-http-ingest.sh [--events N] [--clients 1,2,4,8] [--ingest-threads T] [--batch 1000] [--days D]
#   defaults: 1,000,000 events, 30 days, ingest threads as the server's default (max(2, cores)).
# Environment: HEAP (default 6g), SKIP_BUILD=1 to use the classes already built, MVN_OPTS (default -o),
#   JAVA_OPTS for the benchmark's JVM (e.g. -Dtroupe.bench.dir=/path/on/the/disk/to/measure).
# The output is also kept in benchmarks/target/http-ingest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${HEAP:-6g}
MVN_OPTS=${MVN_OPTS:--o}
LIB=benchmarks/target/http-ingest-lib

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # One reactor build of this checkout's modules; nothing is installed into ~/.m2.
  rm -rf "$LIB"
  # shellcheck disable=SC2086
  mvn -B -q $MVN_OPTS package dependency:copy-dependencies -DskipTests -pl benchmarks -am \
      -DincludeScope=runtime -DoutputDirectory="$PWD/$LIB"
fi

# Private copies, so that a concurrent build elsewhere cannot replace a jar under the running JVM.
RUN=$(mktemp -d "${TMPDIR:-/tmp}/http-ingest-run.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
cp -r benchmarks/target/classes "$RUN/classes"
cp -r "$LIB" "$RUN/lib"

set +e
# shellcheck disable=SC2086
java @"$RUN/classes/jvm.flags" -Xms"$HEAP" -Xmx"$HEAP" ${JAVA_OPTS:-} -cp "$RUN/classes:$RUN/lib/*" \
    io.troupe.bench.http.HttpIngestBench "$@" 2>&1 | grep --line-buffered -v ' INFO \|WARN net.openhft' \
    | tee benchmarks/target/http-ingest.txt
status=${PIPESTATUS[0]}
exit "$status"
