package io.troupe.sql.exec;

/** Where a scan's batches go: an aggregation or a report. */
interface BatchSink {
    /** The batch's rows, those with {@code where[i]} set when {@code where} is not null. */
    void accept(BatchData d, boolean[] where);

    /** The columns the batches are read as. */
    io.troupe.sql.schema.EventLayout layout();
}
