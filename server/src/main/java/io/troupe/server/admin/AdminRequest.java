package io.troupe.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.util.List;
import java.util.Map;

/**
 * A routed admin request: the path variables of its route ({@code {project}}, {@code {file}}), its query
 * parameters and its (bounded, aggregated) body.
 *
 * @param route the matched route
 * @param path  the variables of the route's template, decoded
 * @param query the query parameters, decoded
 * @param body  the request body (empty for uploads, which are streamed to disk instead)
 */
public record AdminRequest(AdminRoutes.Route route, Map<String, String> path, Map<String, List<String>> query, byte[] body) {
    public AdminRequest {
        path = Map.copyOf(path);
        query = Map.copyOf(query);
    }

    /** A path variable of the route (present by construction). */
    public String path(String name) {
        return path.get(name);
    }

    /**
     * A whole-number query parameter, or {@code fallback} when absent.
     *
     * @throws TroupeException {@code INVALID_ARGUMENT} when it is not a number in {@code [min, max]}
     */
    public int intParameter(String name, int fallback, int min, int max) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        String value = values.get(values.size() - 1);
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TroupeException(ErrorCode.INVALID_ARGUMENT,
                "query parameter '" + name + "' = '" + value + "' must be a whole number from " + min + " to " + max);
    }

    /**
     * The body as a JSON object.
     *
     * @throws TroupeException {@code MALFORMED_JSON} when it does not parse, {@code INVALID_REQUEST} when it is
     *                         not an object
     */
    public JsonNode jsonObject() {
        JsonNode node;
        try {
            node = body.length == 0 ? null : AdminResponse.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TroupeException(ErrorCode.MALFORMED_JSON, e, e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new TroupeException(ErrorCode.MALFORMED_JSON, e, e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "the body must be a JSON object");
        }
        return node;
    }
}
