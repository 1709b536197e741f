/**
 * The native SQL protocol's server side (docs/protocol.md; the wire format itself is in
 * {@code io.troupe.common.wire}): the Netty pipeline of a connection ({@link io.troupe.server.protocol.SqlProtocol}),
 * its state machine, statements on the query pool, and the conversion of JDBC results into Arrow record
 * batches streamed with backpressure.
 */
package io.troupe.server.protocol;
