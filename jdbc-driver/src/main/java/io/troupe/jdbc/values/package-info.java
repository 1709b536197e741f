/**
 * Values of result columns as JDBC reads them: the column description ({@link io.troupe.jdbc.values.Column}), the
 * contract of a column's values ({@link io.troupe.jdbc.values.ColumnVector}) with the conversions every getter
 * needs, temporal semantics ({@link io.troupe.jdbc.values.Temporals}), arrays and the JSON text they travel as.
 */
package io.troupe.jdbc.values;
