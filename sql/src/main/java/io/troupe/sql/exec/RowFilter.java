package io.troupe.sql.exec;

/** A {@link Predicate} bound to one execution: marks the rows of a batch that satisfy it. */
interface RowFilter {
    /** Sets {@code out[i]} for rows {@code i < data.rows()}. */
    void eval(BatchData data, boolean[] out);

    /** True when no row can match (e.g. {@code event_type = 'X'} and the project never saw 'X'). */
    default boolean matchesNothing() {
        return false;
    }
}
