/**
 * The Troupe process: {@link io.troupe.server.TroupeServer} (life cycle: admin port, recovery, SQL and ingest
 * ports, graceful shutdown), the context the listeners share, the data directory lock, and the
 * {@code bin/troupe} commands ({@link io.troupe.server.Main}). Each listener lives in its own package.
 */
package io.troupe.server;
