/**
 * Dynamic group properties (docs/dynamic-properties.md): the CREATE / DROP statements and their checks
 * ({@link io.troupe.sql.dynamic.DynamicPropertyStatements}, {@link io.troupe.sql.dynamic.MetricCheck}), and the
 * refresh that computes a definition per group with one query of the engine and writes the values into the
 * group property history through the store's durable ingest ({@link io.troupe.sql.dynamic.DynamicPropertyRefresher}).
 * Definitions are stored by {@code io.troupe.storage.dynamic}; the server schedules the refreshes.
 */
package io.troupe.sql.dynamic;
