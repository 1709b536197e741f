package io.troupe.sql.logic;

import java.util.List;

/** One record of a SQL logic test file, with the line it starts on and the conditions written before it. */
sealed interface LogicRecord {
    int line();

    /** {@code skipif} / {@code onlyif} lines written just before the record. */
    List<Condition> conditions();

    /** How {@code query} rows are compared. */
    enum SortMode {
        /** In the order the engine returned them (the query has an ORDER BY). */
        NOSORT,
        /** Both sides sorted as rendered lines (a query without ORDER BY). */
        ROWSORT,
        /** The rendered result must contain each expected line as a substring (plans). */
        CONTAINS
    }

    /** What a data block holds. */
    enum DataKind { EVENTS, IDENTIFY, GROUP_IDENTIFY }

    /**
     * A {@code skipif <what> [reason]} or {@code onlyif <what>}; {@code what} is a configuration name or
     * {@code troupe-bug}, which matches every configuration.
     */
    record Condition(boolean skip, String what, String reason, int line) {
        static final String BUG = "troupe-bug";

        boolean isBug() {
            return skip && BUG.equals(what);
        }

        /** True when the record must not run under {@code config}. */
        boolean skips(LogicConfig config) {
            boolean matches = BUG.equals(what) || config.label().equals(what);
            return skip == matches;
        }
    }

    /** One JSON object of a data block and its line. */
    record DataLine(int line, String json) {
    }

    /**
     * {@code events}, {@code identify} or {@code group_identify} followed by JSON lines; with
     * {@code repeat N} each line is a template written N times, its {@code ${expression}}s (integer arithmetic
     * over the index {@code i}) replaced by their values.
     */
    record Data(int line, List<Condition> conditions, DataKind kind, int repeat, List<DataLine> lines) implements LogicRecord {
    }

    /** {@code flush} (the tail to segments) or {@code restart} (reopen the store, replaying the WAL), in every configuration. */
    record Lifecycle(int line, List<Condition> conditions, boolean restart) implements LogicRecord {
    }

    /** {@code clock <time>}: sets the engine's clock ("now") to a time, e.g. {@code clock 2026-01-12 00:00:00}. */
    record ClockSet(int line, List<Condition> conditions, java.time.Instant now) implements LogicRecord {
    }

    /** {@code statement ok}: the SQL runs without an error. */
    record StatementOk(int line, List<Condition> conditions, String sql) implements LogicRecord {
    }

    /**
     * {@code statement error [CODE] [at L:C]}: the SQL fails with that error code (symbol or number), at that
     * position, with a message containing {@code message} (each null when not given).
     */
    record StatementError(int line, List<Condition> conditions, String code, String position, String message, String sql)
            implements LogicRecord {
    }

    /** {@code query <types> [nosort|rowsort|contains]}: the SQL's rows rendered as {@code expected}. */
    record Query(int line, List<Condition> conditions, String types, SortMode sort, String sql, List<String> expected)
            implements LogicRecord {
    }

    /** {@code mode skip} / {@code mode unskip}: skips the statements and queries in between. */
    record Mode(int line, List<Condition> conditions, boolean skip) implements LogicRecord {
    }
}
