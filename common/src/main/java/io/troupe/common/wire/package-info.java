/**
 * The native SQL protocol's wire format (docs/protocol.md), shared by the server and the JDBC driver: frames
 * (a big-endian length, a message type, a payload), the messages and their encoding ({@link
 * io.troupe.common.wire.MessageCodec}), blocking frame input for clients ({@link io.troupe.common.wire.FrameInput})
 * and the Arrow IPC stream a result's frames carry ({@link io.troupe.common.wire.ResultStreamInput}). Plain
 * Java: no Netty, no Arrow; a result's Arrow bytes are passed through as they are.
 */
package io.troupe.common.wire;
