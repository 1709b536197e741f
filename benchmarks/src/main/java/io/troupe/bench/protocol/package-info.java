/**
 * Native protocol benchmarks: how fast a result streams from a running server to a client that decodes it
 * ({@link io.troupe.bench.protocol.ProtocolStreamBenchmark}), next to the engine's own JDBC result set read in
 * process. How to run them and the figures: {@code docs/benchmarks.md}.
 */
package io.troupe.bench.protocol;
