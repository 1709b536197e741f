/**
 * Troupe's additions to Calcite's SQL: the type system (AVG of integers is DOUBLE, ...), conversions
 * (weeks start on Monday), DATE_TRUNC and the group property functions.
 */
package io.troupe.sql.functions;
