package io.troupe.server.ingest;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * The routes of the ingest port: a path, the methods it takes, and the API whose answers it gives.
 * The path is also the {@code endpoint} tag of the ingest metrics.
 */
enum Endpoint {
    /** Amplitude HTTP API v2: {@code {api_key, events, options}}. */
    AMPLITUDE_HTTP_API("/2/httpapi", Api.AMPLITUDE, HttpMethod.POST),
    /** Amplitude Batch Event Upload: the same body as {@code /2/httpapi}. */
    AMPLITUDE_BATCH("/batch", Api.AMPLITUDE, HttpMethod.POST),
    /** Amplitude Identify API: form fields {@code api_key} and {@code identification}. */
    AMPLITUDE_IDENTIFY("/identify", Api.AMPLITUDE, HttpMethod.POST, HttpMethod.GET),
    /** Amplitude Group Identify API: form fields {@code api_key} and {@code identification}. */
    AMPLITUDE_GROUP_IDENTIFY("/groupidentify", Api.AMPLITUDE, HttpMethod.POST, HttpMethod.GET),
    /** Segment HTTP API batch: {@code {batch: [calls], writeKey?}}. */
    SEGMENT_BATCH("/v1/batch", Api.SEGMENT, HttpMethod.POST),
    /** Segment single calls: the body is one call of the path's type. */
    SEGMENT_TRACK("/v1/track", Api.SEGMENT, HttpMethod.POST),
    SEGMENT_IDENTIFY("/v1/identify", Api.SEGMENT, HttpMethod.POST),
    SEGMENT_GROUP("/v1/group", Api.SEGMENT, HttpMethod.POST),
    SEGMENT_PAGE("/v1/page", Api.SEGMENT, HttpMethod.POST),
    SEGMENT_SCREEN("/v1/screen", Api.SEGMENT, HttpMethod.POST);

    /** Whose request and answer formats an endpoint speaks. */
    enum Api {
        AMPLITUDE,
        SEGMENT
    }

    /** The metrics tag of requests to no known path. */
    static final String UNKNOWN_TAG = "other";

    private final String path;
    private final Api api;
    private final Set<HttpMethod> methods;

    Endpoint(String path, Api api, HttpMethod... methods) {
        this.path = path;
        this.api = api;
        this.methods = Set.of(methods);
    }

    String path() {
        return path;
    }

    Api api() {
        return api;
    }

    boolean allows(HttpMethod method) {
        return methods.contains(method);
    }

    /** The methods, as the {@code Allow} header of a 405 lists them. */
    String allowHeader() {
        return methods.contains(HttpMethod.GET) ? "POST, GET" : "POST";
    }

    /** The Segment call type a single-call endpoint takes ({@code track}, ...); null for the batch and Amplitude. */
    String segmentCallType() {
        return api == Api.SEGMENT && this != SEGMENT_BATCH ? path.substring("/v1/".length()) : null;
    }

    /** The endpoint of a request path (a trailing slash is ignored); null when there is none. */
    static Endpoint forPath(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Endpoint e : values()) {
            if (e.path.equals(p)) {
                return e;
            }
        }
        return null;
    }
}
