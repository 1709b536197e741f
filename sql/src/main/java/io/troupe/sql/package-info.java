/**
 * The SQL engine of a project: {@link io.troupe.sql.SqlEngine} (Calcite's JDBC in-process, with Troupe's
 * preparation, type system and conversions), {@link io.troupe.sql.SqlSession}, options and the translation of
 * every failure into the error catalogue ({@link io.troupe.sql.SqlErrors}).
 */
package io.troupe.sql;
