/**
 * Result sets: a forward-only, read-only {@link java.sql.ResultSet} over batches of column vectors, streamed from
 * the wire or held in memory, and its {@link java.sql.ResultSetMetaData}.
 */
package io.troupe.jdbc.result;
