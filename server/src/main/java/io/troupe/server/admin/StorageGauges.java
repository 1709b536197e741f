package io.troupe.server.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.troupe.server.ServerContext;
import io.troupe.server.project.Project;
import io.troupe.server.project.Projects;
import io.troupe.storage.EventStore;
import io.troupe.storage.partition.Manifest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per-project storage gauges, read at scrape time from what the store holds in memory (manifests, WAL
 * positions, tail sizes): a scrape walks no directory and opens no file. Projects are registered on each
 * scrape, so projects created while the server runs appear too; a gauge of a project no longer open reads NaN.
 */
final class StorageGauges {
    private final ServerContext context;
    private final MeterRegistry registry;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    StorageGauges(ServerContext context) {
        this.context = context;
        this.registry = context.metrics().registry();
    }

    /** Registers the gauges of every open project not yet registered (nothing during recovery). */
    void registerProjects() {
        Projects projects = context.projectsSupplier().get();
        if (projects == null) {
            return;
        }
        for (Project p : projects.all()) {
            if (registered.add(p.name())) {
                register(p.name());
            }
        }
    }

    private void register(String project) {
        gauge(project, "troupe.storage.wal.pending", "bytes",
                "Bytes of the write-ahead log not yet flushed to segments (replayed on a restart)",
                s -> s.walPosition() - s.flushedWalPosition());
        gauge(project, "troupe.storage.tail.rows", null, "Events in the in-memory tail, not yet in segments",
                EventStore::tailRows);
        gauge(project, "troupe.storage.segments", null, "Segment files of the project's partitions", s -> {
            long n = 0;
            for (Manifest m : s.manifests().values()) {
                n += m.segments().size();
            }
            return n;
        });
        gauge(project, "troupe.storage.partitions", null, "Time partitions holding segments", s -> s.manifests().size());
        gauge(project, "troupe.storage.segments.size", "bytes", "Bytes of the segment files, as the manifests record them", s -> {
            long bytes = 0;
            for (Manifest m : s.manifests().values()) {
                for (var segment : m.segments()) {
                    bytes += segment.bytes();
                }
            }
            return bytes;
        });
        gauge(project, "troupe.storage.events", null, "Events stored (segments and tail)", EventStore::eventCount);
    }

    private void gauge(String project, String name, String unit, String description, ToDoubleFunction<EventStore> value) {
        Gauge.builder(name, () -> read(project, value)).tag("project", project).baseUnit(unit).description(description)
                .register(registry);
    }

    private double read(String project, ToDoubleFunction<EventStore> value) {
        Projects projects = context.projectsSupplier().get();
        if (projects == null) {
            return Double.NaN;
        }
        try {
            return value.applyAsDouble(projects.get(project).store());
        } catch (RuntimeException e) { // unknown or closed project: shutdown, or a project dropped
            return Double.NaN;
        }
    }
}
