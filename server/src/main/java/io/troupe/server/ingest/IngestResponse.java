package io.troupe.server.ingest;

import java.nio.charset.StandardCharsets;

/**
 * The answer to an ingest request and what it did, for the metrics.
 *
 * @param status      the HTTP status
 * @param contentType the body's media type
 * @param body        the body
 * @param retryAfter  seconds for a {@code Retry-After} header, or 0 for none
 * @param stored      events and identifies stored
 * @param duplicates  events dropped as duplicates of an insert id already stored
 * @param rejected    events of a refused request
 */
record IngestResponse(int status, String contentType, byte[] body, int retryAfter, long stored, long duplicates,
                      long rejected) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=UTF-8";

    static IngestResponse text(int status, String text) {
        return new IngestResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8), 0, 0, 0, 0);
    }

    IngestResponse withCounts(long storedCount, long duplicateCount, long rejectedCount) {
        return new IngestResponse(status, contentType, body, retryAfter, storedCount, duplicateCount, rejectedCount);
    }
}
