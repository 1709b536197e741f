package io.troupe.server.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP ingest request, as {@link IngestService} needs it: read off the connection, owned by the worker
 * that handles it.
 *
 * @param endpoint      the route
 * @param contentType   the {@code Content-Type} header, or null
 * @param authorization the {@code Authorization} header, or null
 * @param query         the query string's parameters
 * @param body          the whole body
 */
record IngestRequest(Endpoint endpoint, String contentType, String authorization, Map<String, List<String>> query,
                     byte[] body) {
    IngestRequest {
        Objects.requireNonNull(endpoint, "endpoint is null");
        query = query == null ? Map.of() : query;
        Objects.requireNonNull(body, "body is null");
    }

    /** The media type of the body without parameters, lower case; empty when the header is absent. */
    String mediaType() {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(java.util.Locale.ROOT);
    }
}
