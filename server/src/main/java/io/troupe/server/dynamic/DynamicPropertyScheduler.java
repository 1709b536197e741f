package io.troupe.server.dynamic;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.troupe.server.project.Project;
import io.troupe.server.project.Projects;
import io.troupe.sql.dynamic.DynamicPropertyRefresher;
import io.troupe.sql.dynamic.RefreshResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the dynamic group properties that are due, in every project, on one daemon thread of its own (never an
 * I/O thread, and not the query pool, which clients' statements need). Every {@code dynamic.checkSeconds} a
 * {@link #tick()} asks each project's refresher for the definitions whose period has not been computed yet
 * (the clock is each engine's, which the server sets to its own), so a server that was down at midnight catches
 * up at its first tick. A failing definition is logged and counted, and retried at the next tick; it does not
 * stop the others. Tests call {@link #tick()} directly with a moved clock.
 */
public final class DynamicPropertyScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicPropertyScheduler.class);

    private final Supplier<Projects> projects;
    private final RefreshMetrics metrics;
    private ScheduledExecutorService thread;

    public DynamicPropertyScheduler(Supplier<Projects> projects, MeterRegistry registry) {
        this.projects = projects;
        this.metrics = new RefreshMetrics(registry);
    }

    /** Starts checking every {@code seconds} (0: never; refreshes then run only on demand). */
    public synchronized void start(int seconds) {
        if (seconds <= 0 || thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("troupe-dynamic", true));
        thread.scheduleWithFixedDelay(this::tickQuietly, 0, seconds, TimeUnit.SECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Dynamic group property check failed: {}", e.toString(), e); // the next check tries again
        }
    }

    /** Refreshes every definition due now in every open project; returns what was refreshed. */
    public List<RefreshResult> tick() {
        Projects open = projects.get();
        List<RefreshResult> done = new ArrayList<>();
        if (open == null) {
            return done; // recovering, or shutting down
        }
        for (Project project : open.all()) {
            DynamicPropertyRefresher refresher = new DynamicPropertyRefresher(project.sql());
            for (String name : refresher.due()) {
                try {
                    RefreshResult result = refresher.refreshIfDue(name);
                    if (result != null) {
                        done.add(metrics.refreshed(result));
                    }
                } catch (RuntimeException e) {
                    metrics.failed();
                    LOG.warn("Refresh of dynamic group property {} of project {} failed: {}", name, project.name(),
                            e.toString(), e);
                }
            }
        }
        return done;
    }

    /** Stops the checks; a refresh under way finishes (its writes are durable batches). */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
