package io.troupe.sql.logic;

import io.troupe.sql.testing.TestProject;

/**
 * A configuration every SQL logic test file runs under, with the same expected answers: where the data
 * sits when the statements run, and the rows per Arrow batch.
 *
 * @param label     the name {@code skipif} / {@code onlyif} use
 * @param mode      tail, flushed segments, or replayed from the WAL after a restart
 * @param batchRows rows per record batch in segments and scans
 */
record LogicConfig(String label, TestProject.Mode mode, int batchRows) {
    static final LogicConfig TAIL = new LogicConfig("tail", TestProject.Mode.TAIL, 65_536);
    static final LogicConfig SEGMENTS = new LogicConfig("segments", TestProject.Mode.SEGMENTS, 65_536);
    static final LogicConfig RESTART = new LogicConfig("restart", TestProject.Mode.RESTART, 65_536);
    /** Flushed with two rows per batch: every operator sees many batches, most of them partial. */
    static final LogicConfig TINY_BATCHES = new LogicConfig("tiny_batches", TestProject.Mode.SEGMENTS, 2);

    static final java.util.List<LogicConfig> ALL = java.util.List.of(TAIL, SEGMENTS, RESTART, TINY_BATCHES);

    static boolean isLabel(String s) {
        return ALL.stream().anyMatch(c -> c.label.equals(s));
    }

    @Override
    public String toString() {
        return label;
    }
}
