/**
 * The HTTP ingest port (7431): Amplitude- and Segment-compatible endpoints over Netty.
 *
 * <p>{@link io.troupe.server.ingest.HttpIngest} builds a connection's pipeline: a guard against idle, slow
 * and half-closed clients ({@code ConnectionGuard}), Netty's HTTP codec, a body limit that answers 413
 * without reading the rest into memory ({@code BodyLimit}), and the handler that routes a request and hands
 * it to the ingest pool ({@code IngestHandler}). On the pool, {@code IngestService} decodes the request
 * ({@code AmplitudeRequests}, {@code SegmentRequests}), authenticates it, checks it whole, throttles it and
 * stores it, all or nothing; the response is written back on the connection's event loop. docs/http-ingest.md
 * is the user's reference.
 */
package io.troupe.server.ingest;
