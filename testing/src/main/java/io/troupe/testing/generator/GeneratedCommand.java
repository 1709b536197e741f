package io.troupe.testing.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One thing the generator emits: an event, a user identify or a group property change.
 *
 * <p>Why one sealed type: a client interleaves the three in time order (a user is identified into an org,
 * then acts; an org upgrades, then its events are no longer trials), and consumers must apply them in that
 * order, so the generator emits them as one time-ordered stream.
 */
public sealed interface GeneratedCommand permits GeneratedEvent, GeneratedIdentify, GeneratedGroupChange {

    /** When the command happens, ms since the epoch (UTC). The stream is ordered by this. */
    long time();

    /**
     * Writes this command as one Amplitude HTTP API v2 event object (an {@code $identify} or
     * {@code $groupidentify} event for the non-event commands). Writers stream through this method.
     */
    void writeAmplitudeJson(JsonGenerator out) throws IOException;

    /** This command as an Amplitude HTTP API v2 event object; the same content as {@link #writeAmplitudeJson}. */
    default ObjectNode toAmplitudeJson() {
        return AmplitudeJson.toTree(this);
    }
}
