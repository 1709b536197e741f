/**
 * The end-to-end SQL comparison ({@link io.troupe.bench.compare.SqlCompare}): the same generated events in
 * Troupe, DuckDB (in-process, the reference answers) and optionally a throwaway ClickHouse 18.16 server; the
 * same questions timed in each, answers checked identical. {@link io.troupe.bench.compare.CompareQueries} holds
 * every engine's SQL (Troupe's forms switch in one line each), {@link io.troupe.bench.compare.FunnelSql} the
 * window-function funnel for DuckDB, {@link io.troupe.bench.compare.MemoryBandwidth} the bandwidth a query's
 * scan is set against, {@link io.troupe.bench.compare.CompareReport} the docs section.
 */
package io.troupe.bench.compare;
