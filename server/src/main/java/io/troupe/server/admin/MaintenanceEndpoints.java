package io.troupe.server.admin;

import io.troupe.server.ServerContext;
import io.troupe.server.project.Project;
import io.troupe.storage.EventStore;
import io.troupe.storage.partition.Manifest;
import io.troupe.storage.segment.SegmentInfo;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flush and compaction on demand. Each answers with what changed on disk, read from the manifests before
 * and after (a background flush that runs meanwhile is counted too: it wrote those segments just the same).
 */
final class MaintenanceEndpoints {
    private final ServerContext context;

    MaintenanceEndpoints(ServerContext context) {
        this.context = context;
    }

    /** {@code POST /projects/{project}/flush}: the tail becomes segments, the WAL is trimmed. */
    AdminResponse flush(AdminRequest request) {
        Project project = context.projects().get(request.path("project"));
        EventStore store = project.store();
        Map<Long, Manifest> before = store.manifests();
        long started = System.nanoTime();
        store.flush();
        long millis = (System.nanoTime() - started) / 1_000_000;
        Set<String> old = new HashSet<>();
        before.values().forEach(m -> m.segments().forEach(s -> old.add(m.partition() + "/" + s.name())));
        long segments = 0;
        long events = 0;
        long bytes = 0;
        Set<String> partitions = new TreeSet<>();
        for (Manifest m : store.manifests().values()) {
            for (SegmentInfo s : m.segments()) {
                if (!old.contains(m.partition() + "/" + s.name())) {
                    segments++;
                    events += s.rows();
                    bytes += s.bytes();
                    partitions.add(m.partition());
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", project.name());
        body.put("segmentsWritten", segments);
        body.put("eventsWritten", events);
        body.put("bytesWritten", bytes);
        body.put("partitions", partitions);
        body.put("walBytesPending", store.walPosition() - store.flushedWalPosition());
        body.put("millis", millis);
        return AdminResponse.ok(body);
    }

    /** {@code POST /projects/{project}/compact[?maxSegments=n]}: partitions with more than n segments are merged. */
    AdminResponse compact(AdminRequest request) {
        Project project = context.projects().get(request.path("project"));
        int maxSegments = request.intParameter("maxSegments", 1, 1, Integer.MAX_VALUE);
        EventStore store = project.store();
        long[] before = totals(store);
        long started = System.nanoTime();
        int compacted = store.compact(maxSegments);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long[] after = totals(store);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", project.name());
        body.put("maxSegments", maxSegments);
        body.put("partitionsCompacted", compacted);
        body.put("segmentsBefore", before[0]);
        body.put("segmentsAfter", after[0]);
        body.put("bytesBefore", before[1]);
        body.put("bytesAfter", after[1]);
        body.put("millis", millis);
        return AdminResponse.ok(body);
    }

    /** {segments, bytes} over every partition. */
    private static long[] totals(EventStore store) {
        long[] totals = new long[2];
        for (Manifest m : store.manifests().values()) {
            for (SegmentInfo s : m.segments()) {
                totals[0]++;
                totals[1] += s.bytes();
            }
        }
        return totals;
    }
}
