package io.troupe.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;

/**
 * The bodies of the ingest port's answers, in the format of the API each endpoint imitates, and the one
 * JSON mapper requests are read with. Every error body carries Troupe's {@code troupe_error}
 * ({@code code}, {@code symbol}, {@code sqlState}: docs/errors.md, as the admin port names them) besides the API's own fields.
 */
final class Answers {
    /**
     * Reads request bodies. Nesting is capped well below Jackson's default: Amplitude refuses property
     * objects deeper than 40 levels, and a deep body must not cost a deep recursion anywhere later.
     */
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100).build());
    }

    private Answers() {
    }

    /** Amplitude's success body: {@code {code, events_ingested, payload_size_bytes, server_upload_time}}. */
    static IngestResponse amplitudeSuccess(int events, int payloadBytes, long serverUploadTime) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", 200);
        body.put("events_ingested", events);
        body.put("payload_size_bytes", payloadBytes);
        body.put("server_upload_time", serverUploadTime);
        return json(200, body, 0);
    }

    /** The Identify and Group Identify APIs answer a plain {@code success}. */
    static IngestResponse identifySuccess() {
        return IngestResponse.text(200, "success");
    }

    /** Segment's success body: {@code {"success": true}}. */
    static IngestResponse segmentSuccess() {
        ObjectNode body = JSON.createObjectNode();
        body.put("success", true);
        return json(200, body, 0);
    }

    /**
     * The error answer of an API: Amplitude's {@code {code, error, ...}} or Segment's
     * {@code {success: false, message, ...}}, with the rejection's own fields and {@code troupe_error}.
     */
    static IngestResponse error(Endpoint.Api api, Rejection rejection, int retryAfter) {
        ObjectNode body = JSON.createObjectNode();
        if (api == Endpoint.Api.SEGMENT) {
            body.put("success", false);
            body.put("message", rejection.getMessage());
        } else {
            body.put("code", rejection.status());
            body.put("error", rejection.getMessage());
        }
        if (rejection.fields() != null) {
            rejection.fields().properties().forEach(e -> body.set(e.getKey(), e.getValue()));
        }
        body.set("troupe_error", troupeError(rejection.error()));
        return json(rejection.status(), body, retryAfter);
    }

    /** The error answer of a request that reached no endpoint (unknown path, bad HTTP): Amplitude's shape. */
    static IngestResponse error(int status, TroupeException error) {
        return error(Endpoint.Api.AMPLITUDE, new Rejection(status, error, null), 0);
    }

    static ObjectNode troupeError(TroupeException error) {
        ErrorCode code = error.errorCode();
        ObjectNode node = JSON.createObjectNode();
        node.put("code", code.code());
        node.put("symbol", code.symbol());
        node.put("sqlState", code.sqlState());
        return node;
    }

    private static IngestResponse json(int status, ObjectNode body, int retryAfter) {
        try {
            return new IngestResponse(status, IngestResponse.JSON, JSON.writeValueAsBytes(body), retryAfter, 0, 0, 0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
    }
}
