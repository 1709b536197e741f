package io.troupe.sql.differential;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One statement of the differential corpus: the SQL Troupe runs, the SQL DuckDB runs (usually
 * {@link DuckDbDialect#translate} of the first), and how to compare the answers.
 *
 * @param id            a stable name within one seed: {@code h07-...} hand-written, {@code g123-<template>} generated
 * @param troupeSql     the statement in Troupe's dialect
 * @param duckSql       the same question in DuckDB's dialect
 * @param ordered       true when the statement has an ORDER BY that is a total order of its rows, so the rows
 *                      are compared in order; otherwise they are compared as multisets
 * @param approxColumns 0-based result columns that are SUM or AVG of floating values, compared with a relative
 *                      tolerance of {@link ResultComparison#RELATIVE_TOLERANCE}; every other column compares exactly
 * @param params        values of the {@code ?} parameters, bound in both engines: String, Long, or an
 *                      {@link java.time.Instant} for a TIMESTAMP (a {@code Timestamp} of that instant for Troupe,
 *                      its UTC wall-clock {@code LocalDateTime} for DuckDB)
 */
public record DiffQuery(String id, String troupeSql, String duckSql, boolean ordered, Set<Integer> approxColumns,
                        List<Object> params) {
    public DiffQuery {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(troupeSql, "troupeSql is null");
        Objects.requireNonNull(duckSql, "duckSql is null");
        approxColumns = Set.copyOf(approxColumns);
        params = List.copyOf(params);
    }

    public DiffQuery(String id, String troupeSql, String duckSql, boolean ordered, Set<Integer> approxColumns) {
        this(id, troupeSql, duckSql, ordered, approxColumns, List.of());
    }

    /** This statement with {@code ?} parameters bound to {@code values}. */
    public DiffQuery withParams(Object... values) {
        return new DiffQuery(id, troupeSql, duckSql, ordered, approxColumns, List.of(values));
    }

    /** A statement written once in Troupe's dialect; DuckDB runs its translation. */
    public static DiffQuery of(String id, String troupeSql, boolean ordered, Set<Integer> approxColumns) {
        return new DiffQuery(id, troupeSql, DuckDbDialect.translate(troupeSql), ordered, approxColumns);
    }

    /** A statement written once in Troupe's dialect, with no floating aggregates. */
    public static DiffQuery of(String id, String troupeSql, boolean ordered) {
        return of(id, troupeSql, ordered, Set.of());
    }

    /** A statement whose two spellings differ beyond what {@link DuckDbDialect#translate} maps (written as a pair). */
    public static DiffQuery pair(String id, String troupeSql, String duckSql, boolean ordered, Set<Integer> approxColumns) {
        return new DiffQuery(id, troupeSql, DuckDbDialect.translate(duckSql), ordered, approxColumns);
    }

    /** The same statement under another id, e.g. for a rerun in another configuration of the store. */
    public DiffQuery renamed(String newId) {
        return new DiffQuery(newId, troupeSql, duckSql, ordered, approxColumns, params);
    }

    /** The template a generated query came from ({@code agg} in {@code g012-agg}), {@code hand}, or a rerun's tag. */
    public String template() {
        int at = id.indexOf('@');
        if (at >= 0) {
            return id.substring(at + 1);
        }
        if (id.startsWith("h")) {
            return "hand";
        }
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(dash + 1);
    }
}
