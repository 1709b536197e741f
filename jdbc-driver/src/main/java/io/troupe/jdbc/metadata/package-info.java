/**
 * {@link java.sql.DatabaseMetaData} for BI tools: catalog calls answered by SQL over the engine's
 * {@code "metadata"} schema, the dialect's functions and keywords, and the empty results (keys, indexes,
 * procedures) with the columns JDBC defines.
 */
package io.troupe.jdbc.metadata;
