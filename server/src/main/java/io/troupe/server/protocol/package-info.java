/**
 * The native SQL protocol's server side (docs/protocol.md; the wire format itself is in
 * {@code io.troupe.common.wire}): the Netty pipeline of a connection ({@link io.troupe.server.protocol.SqlProtocol}),
 * its state machine, statements on the query pool, and the conversion of results into Arrow record batches
 * streamed with backpressure: JDBC rows, or a plain scan's column chunks ({@link io.troupe.server.protocol.ColumnarCopier}).
 */
package io.troupe.server.protocol;
