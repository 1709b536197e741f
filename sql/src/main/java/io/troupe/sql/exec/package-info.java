/**
 * Execution of the Troupe operators: an {@link io.troupe.sql.exec.EventQuery} per Troupe subtree, vectorized
 * over Arrow batches and dense dictionary ids (filters as masks, dense-key aggregation, distinct bitsets,
 * top-N), parallel over segments, within one {@link io.troupe.sql.exec.QueryScope} per statement; a plain scan's
 * rows as column chunks for the server ({@link io.troupe.sql.exec.ColumnarResult}).
 */
package io.troupe.sql.exec;
