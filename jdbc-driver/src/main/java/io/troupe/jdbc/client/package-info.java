/**
 * The native protocol's client side over a plain blocking socket (no Netty): connection settings from the JDBC
 * URL, the handshake, one statement at a time with its result read batch by batch, CANCEL from any thread.
 */
package io.troupe.jdbc.client;
