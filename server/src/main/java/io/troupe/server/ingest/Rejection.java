package io.troupe.server.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.util.Objects;

/**
 * A request refused before anything was stored: the HTTP status, the Troupe error (code and message) and
 * the API-specific fields of the answer (Amplitude's {@code missing_field}, {@code events_with_invalid_fields},
 * throttling maps, ...). Thrown while a request is decoded and checked; {@link IngestService} turns it into
 * the response of the endpoint's API.
 */
final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final TroupeException error;
    private final transient ObjectNode fields;

    /**
     * @param status the HTTP status
     * @param error  the Troupe error (its message is the answer's {@code error} or {@code message})
     * @param fields extra fields of the answer, or null
     */
    Rejection(int status, TroupeException error, ObjectNode fields) {
        super(error.getMessage(), error, false, false);
        this.status = status;
        this.error = Objects.requireNonNull(error, "error is null");
        this.fields = fields;
    }

    Rejection(int status, ErrorCode code, Object... args) {
        this(status, new TroupeException(code, args), null);
    }

    int status() {
        return status;
    }

    TroupeException error() {
        return error;
    }

    /** Extra fields of the answer; null when there are none. */
    ObjectNode fields() {
        return fields;
    }
}
