/**
 * Storage benchmarks: JMH benchmarks of durable ingest ({@link io.troupe.bench.storage.IngestBenchmark}),
 * flush ({@link io.troupe.bench.storage.FlushBenchmark}), scan ({@link io.troupe.bench.storage.ScanBenchmark})
 * and the dedup checkpoint ({@link io.troupe.bench.storage.DedupCheckpointBenchmark}), the bytes-per-event
 * report ({@link io.troupe.bench.storage.BytesPerEvent}), and their shared data: generated commands
 * ({@link io.troupe.bench.storage.Workload}) and a cached flushed store ({@link io.troupe.bench.storage.DataSet}).
 * How to run them and the figures: {@code docs/benchmarks.md}.
 */
package io.troupe.bench.storage;
