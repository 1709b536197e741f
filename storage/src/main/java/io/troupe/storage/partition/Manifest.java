package io.troupe.storage.partition;

import io.troupe.storage.segment.SegmentInfo;
import java.util.List;

/**
 * A partition's manifest ({@code events/<key>/manifest.json}): the segments that make up the partition.
 * Replaced atomically; a segment file no manifest names is not part of the store.
 */
public record Manifest(int formatVersion, String partition, long start, long end, List<SegmentInfo> segments) {
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        segments = List.copyOf(segments);
    }

    /** The WAL position below which this partition's events are all in segments. */
    public long flushedWalPosition() {
        long max = -1;
        for (SegmentInfo s : segments) {
            max = Math.max(max, s.walPosition());
        }
        return max;
    }

    public long rows() {
        long rows = 0;
        for (SegmentInfo s : segments) {
            rows += s.rows();
        }
        return rows;
    }
}
