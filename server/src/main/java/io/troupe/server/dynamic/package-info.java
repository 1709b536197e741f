/**
 * Scheduled refreshes of dynamic group properties (docs/dynamic-properties.md): {@link
 * io.troupe.server.dynamic.DynamicPropertyScheduler} checks every project's definitions against the server's clock
 * on its own thread and refreshes the ones due; the admin port refreshes on demand.
 */
package io.troupe.server.dynamic;
