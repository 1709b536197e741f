/** The JDBC driver over the native protocol; the JDBC driver issue fills it. */
package io.troupe.jdbc;
