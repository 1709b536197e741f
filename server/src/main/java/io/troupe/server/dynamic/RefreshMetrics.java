package io.troupe.server.dynamic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.troupe.sql.dynamic.RefreshResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of dynamic group property refreshes (docs/operations.md), shared by the scheduler and the admin
 * endpoint: a registry gives the same counters to every instance made over it.
 */
public final class RefreshMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshMetrics.class);

    private final Counter refreshes;
    private final Counter failures;
    private final Counter groupsWritten;

    public RefreshMetrics(MeterRegistry registry) {
        this.refreshes = Counter.builder("troupe_dynamic_property_refreshes")
                .description("Refreshes of dynamic group properties (scheduled and on demand)").register(registry);
        this.failures = Counter.builder("troupe_dynamic_property_refresh_failures")
                .description("Refreshes of dynamic group properties that failed (retried at the next check)")
                .register(registry);
        this.groupsWritten = Counter.builder("troupe_dynamic_property_groups_written")
                .description("Group property values written by refreshes (values that changed)").register(registry);
    }

    /** Counts and logs a refresh; returns it. */
    public RefreshResult refreshed(RefreshResult result) {
        refreshes.increment();
        groupsWritten.increment(result.groupsWritten());
        LOG.info("Refreshed dynamic group property {}: {} of {} groups written in {} ms", result.name(),
                result.groupsWritten(), result.groups(), result.tookMillis());
        return result;
    }

    public void failed() {
        failures.increment();
    }
}
