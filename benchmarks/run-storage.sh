#!/usr/bin/env bash
# Runs every storage benchmark with the settings docs/benchmarks.md reports (short JMH runs: about 20 min
# on 2 cores, most of it building the 10M-event data set once). Build first:
#   mvn -B -q install -DskipTests -pl common,testing,storage && mvn -B -q -pl benchmarks package
# Usage: benchmarks/run-storage.sh [results-dir]   (default benchmarks/target/results)
#        STEPS="ingest scan" benchmarks/run-storage.sh ...   (a subset of: bytes ingest flush scan dedup)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
FLAGS=benchmarks/target/classes/jvm.flags
OUT=${1:-benchmarks/target/results}
STEPS=${STEPS:-bytes ingest flush scan dedup}
want() { [[ " $STEPS " == *" $1 "* ]]; }
mkdir -p "$OUT"

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "uncommitted storage files: $(git status --porcelain -- storage/src/main 2>/dev/null | wc -l)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GB"}')"
  java -version 2>&1 | head -2
} > "$OUT/machine.txt"

step() { echo "== $1 (load: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/machine.txt"; }

if want bytes; then
step BytesPerEvent
java @"$FLAGS" -Xmx8g -cp "$JAR" io.troupe.bench.storage.BytesPerEvent | tee "$OUT/bytes-per-event.txt"
fi

if want ingest; then
step IngestBenchmark
java -jar "$JAR" IngestBenchmark -wi 2 -i 5 -f 1 -rf json -rff "$OUT/ingest.json" | tee "$OUT/ingest.txt"
fi

if want flush; then
step FlushBenchmark
java -jar "$JAR" FlushBenchmark -wi 2 -i 3 -f 1 -rf json -rff "$OUT/flush.json" | tee "$OUT/flush.txt"
fi

if want scan; then
step ScanBenchmark
java -jar "$JAR" ScanBenchmark -wi 2 -i 3 -f 1 -rf json -rff "$OUT/scan.json" | tee "$OUT/scan.txt"
fi

if want dedup; then
step DedupCheckpointBenchmark
java -jar "$JAR" DedupCheckpointBenchmark -wi 2 -i 3 -f 1 -rf json -rff "$OUT/dedup.json" | tee "$OUT/dedup.txt"
fi

step done
