package io.troupe.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admin response: status, content type, body and extra headers. Errors have one body shape,
 * {@code {"error": {"code", "symbol", "sqlState", "message"}}}, and the status {@link #statusOf} gives.
 */
public record AdminResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Logger LOG = LoggerFactory.getLogger(AdminResponse.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    public AdminResponse {
        headers = Map.copyOf(headers);
    }

    /** {@code value} (a map or a record) as JSON. */
    public static AdminResponse json(HttpResponseStatus status, Object value) {
        try {
            return new AdminResponse(status, JSON_TYPE, JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.INTERNAL, e, "serialising an admin response: " + e.getMessage());
        }
    }

    public static AdminResponse ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    public static AdminResponse text(HttpResponseStatus status, String contentType, String text) {
        return new AdminResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The error body with the status that fits its code. */
    public static AdminResponse error(TroupeException e) {
        return error(statusOf(e.errorCode()), e);
    }

    /** The error body with a given status (404 and 405 share {@code INVALID_REQUEST} with 400). */
    public static AdminResponse error(HttpResponseStatus status, TroupeException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.errorCode().code());
        error.put("symbol", e.errorCode().symbol());
        error.put("sqlState", e.errorCode().sqlState());
        error.put("message", e.getMessage());
        return json(status, Map.of("error", error));
    }

    /** The response for whatever an endpoint threw: its error, or INTERNAL (logged) for a bug. */
    public static AdminResponse failure(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TroupeException e) {
            if (!e.errorCode().isUserError()) {
                LOG.warn("Admin request failed: {}", e.getMessage(), e);
            }
            return error(e);
        }
        LOG.error("Admin request failed", t);
        return error(new TroupeException(ErrorCode.INTERNAL, t, t.toString()));
    }

    /** The same response with one more header. */
    public AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, body, more);
    }

    /** The HTTP status of an error code on the admin port. */
    static HttpResponseStatus statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_ADMIN_TOKEN -> HttpResponseStatus.UNAUTHORIZED;
            case UNKNOWN_PROJECT, UNKNOWN_DYNAMIC_PROPERTY -> HttpResponseStatus.NOT_FOUND;
            case PROJECT_EXISTS -> HttpResponseStatus.CONFLICT;
            case VALUE_TOO_LARGE, BATCH_TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case SERVER_SHUTTING_DOWN, SERVER_NOT_READY, STORAGE_CLOSED -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            default -> code.isUserError() ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
