package io.troupe.storage.segment;

import java.util.Collections;
import java.util.List;

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
 * @param eventTypes    the event type ids present, ascending, so a query for types the segment lacks skips
 *                      it without reading it; null in manifests written before Troupe recorded it
 * @param eventTypeCounts the number of events of each of {@code eventTypes}, so a count by type over whole
 *                      segments needs no scan; null in manifests written before Troupe recorded it
 */
public record SegmentInfo(String name, int rows, long minTime, long maxTime, long bytes, long walPosition,
                          int formatVersion, List<Integer> eventTypes, List<Long> eventTypeCounts) {
    public SegmentInfo {
        eventTypes = eventTypes == null ? null : List.copyOf(eventTypes);
        eventTypeCounts = eventTypeCounts == null ? null : List.copyOf(eventTypeCounts);
        if (eventTypeCounts != null && (eventTypes == null || eventTypes.size() != eventTypeCounts.size())) {
            throw new IllegalArgumentException("eventTypeCounts must pair with eventTypes");
        }
    }

    /** False only when the segment is known to have no event of type {@code eventTypeId}. */
    public boolean mayContainEventType(int eventTypeId) {
        return eventTypes == null || Collections.binarySearch(eventTypes, eventTypeId) >= 0;
    }
}
