/**
 * The driver's errors as {@link java.sql.SQLException}s: the server's ERROR messages and the driver's own codes of
 * the catalogue ({@link io.troupe.common.ErrorCode}, 1060-1069 for the driver), with SQLSTATE and vendor code.
 */
package io.troupe.jdbc.errors;
