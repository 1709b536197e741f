/**
 * Dynamic group property definitions (docs/dynamic-properties.md): what each one computes, over which window,
 * and when it was last refreshed, persisted in {@code dynamic_properties.json} of the project folder. Computing
 * the values is the SQL engine's ({@code io.troupe.sql.dynamic}); scheduling them the server's.
 */
package io.troupe.storage.dynamic;
