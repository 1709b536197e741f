/**
 * Retention kernels: per-unit start, breakdown code and retained periods in flat arrays over one time-ordered
 * pass ({@link io.troupe.sql.exec.retention.RetentionKernel}), and the per-(breakdown, period) counts a
 * retention report shows ({@link io.troupe.sql.exec.retention.RetentionReport}). Independent of the SQL layer:
 * {@code RETENTION_FLAGS} and the {@code RETENTION} report both run on them.
 */
package io.troupe.sql.exec.retention;
