package io.troupe.bench.compare;

/**
 * One query of the comparison, in each engine's SQL. Both must mean the same thing: the comparison checks
 * that the answers are identical.
 *
 * @param name      short name, as the table prints it
 * @param troupeSql the statement run through Troupe's SQL engine
 * @param duckdbSql the statement run in DuckDB over the same rows
 */
public record CompareQuery(String name, String troupeSql, String duckdbSql) {
}
