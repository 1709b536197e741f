package io.troupe.server.admin;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The table of admin endpoints: each route is a method, a path template ({@code /projects/{project}/flush})
 * and how the endpoint runs. {@link #match} finds the route of a request, or says whether the path exists
 * with other methods (405) or not at all (404).
 */
public final class AdminRoutes {
    /** How a route runs. */
    public enum Access {
        /** No token, answered on the I/O thread (health). */
        PUBLIC,
        /** Token, answered on the I/O thread from memory (metrics); served during recovery too. */
        INLINE,
        /** Token, the server must be ready, runs on the worker pool with the aggregated body. */
        BLOCKING,
        /** Token, the server must be ready, the body is streamed to a file (cohort uploads). */
        UPLOAD
    }

    /** A blocking or inline endpoint. */
    @FunctionalInterface
    public interface Endpoint {
        AdminResponse handle(AdminRequest request);
    }

    /** An upload endpoint: checks the request before its body is read and returns where the body goes. */
    @FunctionalInterface
    public interface UploadEndpoint {
        UploadWriter begin(AdminRequest request);
    }

    /**
     * One route.
     *
     * @param name the template, also the {@code endpoint} tag of the request metrics
     */
    public record Route(HttpMethod method, String name, Access access, Endpoint endpoint, UploadEndpoint upload) {
        List<String> segments() {
            return split(name);
        }
    }

    /** What {@link #match} found. */
    public sealed interface Match permits Found, NotFound, WrongMethod {
    }

    public record Found(Route route, Map<String, String> variables) implements Match {
    }

    public record NotFound() implements Match {
    }

    /** The path exists, with these methods only. */
    public record WrongMethod(List<String> allowed) implements Match {
    }

    private final List<Route> routes = new ArrayList<>();

    AdminRoutes add(HttpMethod method, String template, Access access, Endpoint endpoint) {
        routes.add(new Route(method, template, access, endpoint, null));
        return this;
    }

    AdminRoutes upload(HttpMethod method, String template, UploadEndpoint endpoint) {
        routes.add(new Route(method, template, Access.UPLOAD, null, endpoint));
        return this;
    }

    public List<Route> all() {
        return List.copyOf(routes);
    }

    /** The route for a method and a decoded path (its segments, without empty ones at the ends). */
    public Match match(HttpMethod method, List<String> path) {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> variables = bind(route.segments(), path);
            if (variables != null) {
                if (route.method().equals(method)) {
                    return new Found(route, variables);
                }
                allowed.add(route.method().name());
            }
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(List.copyOf(allowed));
    }

    private static Map<String, String> bind(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                variables.put(t.substring(1, t.length() - 1), path.get(i));
            } else if (!t.equals(path.get(i))) {
                return null;
            }
        }
        return variables;
    }

    private static List<String> split(String template) {
        List<String> segments = new ArrayList<>();
        for (String s : template.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
    }
}
