/**
 * HTTP ingest throughput through a real server on loopback ({@link io.troupe.bench.http.HttpIngestBench}), with
 * the same data mapped and stored without HTTP in the same run, so that the cost of each layer shows.
 */
package io.troupe.bench.http;
