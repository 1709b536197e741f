package io.troupe.storage.load;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.util.Objects;

/**
 * One thing wrong with one event of a batch: which event (its index in the batch, from 0), which field,
 * and why. A batch reports all of them at once, the way Amplitude's 400 response lists
 * {@code events_with_missing_fields} and {@code events_with_invalid_fields}, so a client can fix every
 * event in one round trip.
 *
 * @param index  the event's index in the batch, from 0
 * @param field  the top-level field at fault, e.g. {@code time}; {@code event} when the event is not an object
 * @param kind   what is wrong, which also fixes the error code
 * @param detail what to say about it, without the event's index (the index is added where it is shown)
 */
public record EventProblem(int index, String field, Kind kind, String detail) {
    /** The kinds of problem, each with its error code. */
    public enum Kind {
        /** A required field is absent, null or empty: {@code events_with_missing_fields}. */
        MISSING_FIELD(ErrorCode.MISSING_FIELD),
        /** A field has the wrong type or an impossible value: {@code events_with_invalid_fields}. */
        INVALID_VALUE(ErrorCode.INVALID_EVENT),
        /** {@code time} is not epoch milliseconds in range: {@code events_with_invalid_fields}. */
        INVALID_TIME(ErrorCode.INVALID_TIMESTAMP),
        /** A property operation object is malformed: {@code events_with_invalid_fields}. */
        INVALID_OPERATION(ErrorCode.INVALID_PROPERTY_OPERATION),
        /** A user or device id is shorter than the minimum id length: {@code events_with_invalid_id_lengths}. */
        ID_TOO_SHORT(ErrorCode.INVALID_EVENT);

        private final ErrorCode errorCode;

        Kind(ErrorCode errorCode) {
            this.errorCode = errorCode;
        }

        public ErrorCode errorCode() {
            return errorCode;
        }
    }

    public EventProblem {
        Objects.requireNonNull(field, "field is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(detail, "detail is null");
    }

    /** The error for this problem alone, naming the event's index and the field. */
    public TroupeException toException() {
        return switch (kind) {
            case MISSING_FIELD -> new TroupeException(ErrorCode.MISSING_FIELD, field,
                    " in event " + index + (detail.isEmpty() ? "" : ": " + detail));
            case INVALID_TIME -> new TroupeException(ErrorCode.INVALID_TIMESTAMP,
                    detail + " in field 'time' of event " + index);
            default -> new TroupeException(kind.errorCode(), where() + ": " + detail);
        };
    }

    /** The problem in words without the event's index, for errors that point at a file line instead. */
    public String reason() {
        return switch (kind) {
            case MISSING_FIELD -> "missing required field '" + field + "'" + (detail.isEmpty() ? "" : ": " + detail);
            case INVALID_TIME -> "invalid event time " + detail
                    + " in field 'time': send milliseconds since 1970-01-01 UTC";
            default -> (field.equals("event") ? "the event" : "field '" + field + "'") + ": " + detail;
        };
    }

    /** The same sentence as {@link #toException()}'s message. */
    public String message() {
        return toException().getMessage();
    }

    private String where() {
        return field.equals("event") ? "event " + index : "event " + index + ", field '" + field + "'";
    }
}
