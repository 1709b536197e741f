package io.troupe.server.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading request bodies: JSON (with the content type checked) and HTML forms, with the errors a client can fix. */
final class RequestBodies {
    private static final ObjectReader READER = Answers.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_FORM_FIELDS = 64;

    private RequestBodies() {
    }

    /** Refuses a body that is declared as something else than JSON (415); a body without a type is read as JSON. */
    static void requireJson(IngestRequest request) {
        String type = request.mediaType();
        if (!type.isEmpty() && !type.equals("application/json") && !type.endsWith("+json")) {
            throw new Rejection(415, ErrorCode.INVALID_REQUEST, "Content-Type '" + request.contentType()
                    + "' is not supported on " + request.endpoint().path() + ": send the body as Content-Type: application/json");
        }
    }

    /** The body as a JSON tree. @throws Rejection 400 {@code MALFORMED_JSON} naming where it breaks */
    static JsonNode json(byte[] body, String what) {
        if (body.length == 0) {
            throw new Rejection(400, ErrorCode.MALFORMED_JSON, what + " is empty: send a JSON object");
        }
        try {
            JsonNode node = READER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new Rejection(400, ErrorCode.MALFORMED_JSON, what + " holds no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Rejection(400, ErrorCode.MALFORMED_JSON, what + ": " + describe(e));
        } catch (IOException e) { // not thrown for an in-memory body, but declared
            throw new Rejection(400, ErrorCode.MALFORMED_JSON, what + ": " + e.getMessage());
        }
    }

    /** The body as JSON text of a form field. */
    static JsonNode json(String text, String what) {
        return json(text.getBytes(StandardCharsets.UTF_8), what);
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage();
        // Jackson quotes the offending text with a long explanation; the first line is what a client needs.
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return at == null || at.getLineNr() < 0 ? message
                : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /**
     * The fields of an HTML form: the body's ({@code application/x-www-form-urlencoded} or
     * {@code multipart/form-data}), then the query string's for those the body lacks, as the Identify APIs
     * take them either way. A field given twice keeps its first value.
     *
     * @throws Rejection 415 for a body of another type, 400 for a malformed one
     */
    static Map<String, String> form(IngestRequest request) {
        Map<String, String> fields = new HashMap<>();
        String type = request.mediaType();
        try {
            if (request.body().length > 0 || !type.isEmpty()) {
                if (type.equals("application/x-www-form-urlencoded") || (type.isEmpty() && request.body().length > 0)) {
                    QueryStringDecoder decoder = QueryStringDecoder.builder().hasPath(false).maxParams(MAX_FORM_FIELDS)
                            .semicolonIsNormalChar(true).build(new String(request.body(), StandardCharsets.UTF_8));
                    firstValues(decoder.parameters(), fields);
                } else if (type.equals("multipart/form-data")) {
                    multipart(request, fields);
                } else {
                    throw new Rejection(415, ErrorCode.INVALID_REQUEST, "Content-Type '" + request.contentType()
                            + "' is not supported on " + request.endpoint().path()
                            + ": send the fields api_key and identification as application/x-www-form-urlencoded"
                            + " or multipart/form-data");
                }
            }
        } catch (IllegalArgumentException e) { // a bad %-escape, a malformed multipart body
            throw new Rejection(400, ErrorCode.INVALID_REQUEST, "malformed form body: " + e.getMessage());
        }
        Map<String, String> fromQuery = new HashMap<>();
        firstValues(request.query(), fromQuery);
        fromQuery.forEach(fields::putIfAbsent);
        return fields;
    }

    private static void firstValues(Map<String, List<String>> parameters, Map<String, String> into) {
        parameters.forEach((name, values) -> {
            if (!values.isEmpty()) {
                into.putIfAbsent(name, values.get(0));
            }
        });
    }

    private static void multipart(IngestRequest request, Map<String, String> fields) {
        DefaultFullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                request.endpoint().path(), Unpooled.wrappedBuffer(request.body()));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, request.contentType());
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), http, StandardCharsets.UTF_8);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof Attribute attribute && fields.size() < MAX_FORM_FIELDS) {
                    fields.putIfAbsent(attribute.getName(), attribute.getValue());
                }
            }
        } catch (IOException | HttpPostRequestDecoder.NotEnoughDataDecoderException
                 | HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            decoder.destroy();
            http.release();
        }
    }

    /** A required form or body field, refused with Amplitude's {@code missing_field} when absent or empty. */
    static String requiredField(Map<String, String> fields, String name, String what) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw missingField(name, what);
        }
        return value;
    }

    /** 400 with Amplitude's {@code missing_field}: a request-level field is absent. */
    static Rejection missingField(String name, String what) {
        com.fasterxml.jackson.databind.node.ObjectNode fields = Answers.JSON.createObjectNode();
        fields.put("missing_field", name);
        return new Rejection(400, new TroupeException(ErrorCode.MISSING_FIELD, name, ": " + what), fields);
    }
}
