/**
 * Execution of the Troupe operators: an {@link io.troupe.sql.exec.EventQuery} per Troupe subtree, vectorized
 * over Arrow batches and dense dictionary ids (filters as masks, dense-key aggregation, distinct bitsets,
 * top-N), parallel over segments, within one {@link io.troupe.sql.exec.QueryScope} per statement.
 */
package io.troupe.sql.exec;
