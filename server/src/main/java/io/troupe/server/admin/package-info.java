/**
 * The admin port (HTTP/1.1, default 7432): health, Prometheus metrics with the storage gauges, flush and
 * compaction, snapshots and {@code bin/troupe restore}, projects and API keys, cohort file uploads.
 * {@link io.troupe.server.admin.AdminApi} builds a connection's pipeline; {@link io.troupe.server.admin.AdminRoutes}
 * is the table of endpoints; blocking work runs on the server's query pool, never on Netty's I/O threads.
 * docs/operations.md documents the API.
 */
package io.troupe.server.admin;
