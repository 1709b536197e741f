package io.troupe.storage.segment;

/**
 * A segment as its partition's manifest records it.
 *
 * @param name          file name inside the partition folder
 * @param rows          events in the segment
 * @param minTime       earliest event time (ms)
 * @param maxTime       latest event time (ms)
 * @param bytes         file size, checked when the segment is opened
 * @param walPosition   the WAL position up to which this partition's events are in segments once this
 *                      segment exists; recovery does not replay this partition's events below it
 * @param formatVersion segment format version
 */
public record SegmentInfo(String name, int rows, long minTime, long maxTime, long bytes, long walPosition,
                          int formatVersion) {
}
