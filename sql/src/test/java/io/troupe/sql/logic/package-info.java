/**
 * The SQL logic test runner: {@link io.troupe.sql.logic.SqlLogicTest} runs the plain-text test files under
 * {@code src/test/resources/sqllogic/<feature>/*.test} under every {@link io.troupe.sql.logic.LogicConfig}
 * (tail, segments, restart, tiny batches) with the same expected answers. The package owns the file format
 * ({@link io.troupe.sql.logic.LogicFileParser}, {@link io.troupe.sql.logic.LogicRecord}), the mapping of data
 * blocks to store commands ({@link io.troupe.sql.logic.LogicData}, {@link io.troupe.sql.logic.Template}), how
 * results read ({@link io.troupe.sql.logic.ResultFormat}) and the run of one file
 * ({@link io.troupe.sql.logic.LogicFileRun}) with its leak checks. docs/sql-testing.md describes the format.
 */
package io.troupe.sql.logic;
