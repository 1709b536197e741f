package io.troupe.jdbc.client;

import io.troupe.common.ErrorCode;
import io.troupe.jdbc.errors.JdbcErrors;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What a connection needs, from {@code jdbc:troupe://host[:port][/project][?name=value&...]} and the properties
 * given with it (a non-empty property wins over the URL's parameter of the same name). docs/jdbc.md lists them.
 *
 * @param connectTimeoutSeconds how long connecting and logging in may take; 0 waits as long as the system does
 * @param socketTimeoutSeconds  how long a read from the server may block (a query that computes longer than this
 *                              loses its connection); 0 for no limit
 * @param fetchSize             rows per result batch statements ask for unless they set their own; 0 for the
 *                              server's default
 */
public record ConnectionSettings(String host, int port, String project, String user, String password,
                                 int connectTimeoutSeconds, int socketTimeoutSeconds, int fetchSize) {
    public static final String PREFIX = "jdbc:troupe://";
    public static final int DEFAULT_PORT = 7430;
    public static final String DEFAULT_PROJECT = "default";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String SOCKET_TIMEOUT = "socketTimeout";
    public static final String FETCH_SIZE = "fetchSize";

    private static final List<String> NAMES = List.of(USER, PASSWORD, CONNECT_TIMEOUT, SOCKET_TIMEOUT, FETCH_SIZE);

    /** True for a URL this driver takes. */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * The settings of a URL and its properties.
     *
     * @throws SQLException {@code CONNECTION_FAILED} (08001) when the URL or a property is malformed
     */
    public static ConnectionSettings parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) {
            throw invalid("'" + url + "' is not a Troupe URL: write " + PREFIX + "host[:port]/project");
        }
        String rest = url.substring(PREFIX.length());
        Map<String, String> values = new LinkedHashMap<>();
        int question = rest.indexOf('?');
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                values.put(canonical(name), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, question);
        }
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                String value = info.getProperty(name);
                if (value != null && !value.isEmpty()) {
                    values.put(canonical(name), value);
                }
            }
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String project = slash < 0 ? "" : decode(rest.substring(slash + 1));
        if (project.endsWith("/")) {
            project = project.substring(0, project.length() - 1);
        }
        if (project.isEmpty()) {
            project = DEFAULT_PROJECT;
        }
        String host;
        int port = DEFAULT_PORT;
        String portText = null;
        if (authority.startsWith("[")) { // [::1]:7430
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid("the IPv6 address of '" + url + "' has no closing ']'");
            }
            host = authority.substring(1, close);
            if (authority.length() > close + 1) {
                if (authority.charAt(close + 1) != ':') {
                    throw invalid("'" + authority + "' is not host:port");
                }
                portText = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid("the URL '" + url + "' names no host: write " + PREFIX + "localhost:7430/" + project);
        }
        if (portText != null) {
            port = number("port", portText, 1, 65535);
        }
        int loginTimeout = java.sql.DriverManager.getLoginTimeout();
        int connectTimeout = values.containsKey(CONNECT_TIMEOUT) ? number(CONNECT_TIMEOUT, values.get(CONNECT_TIMEOUT), 0, Integer.MAX_VALUE)
                : loginTimeout > 0 ? loginTimeout : DEFAULT_CONNECT_TIMEOUT_SECONDS;
        int socketTimeout = values.containsKey(SOCKET_TIMEOUT) ? number(SOCKET_TIMEOUT, values.get(SOCKET_TIMEOUT), 0, Integer.MAX_VALUE / 1000) : 0;
        int fetchSize = values.containsKey(FETCH_SIZE) ? number(FETCH_SIZE, values.get(FETCH_SIZE), 0, Integer.MAX_VALUE) : 0;
        return new ConnectionSettings(host, port, project, values.getOrDefault(USER, ""), values.getOrDefault(PASSWORD, ""),
                Math.min(connectTimeout, Integer.MAX_VALUE / 1000), socketTimeout, fetchSize);
    }

    /** The property description {@code Driver.getPropertyInfo} gives, with the values the URL and properties set. */
    public static DriverPropertyInfo[] propertyInfo(String url, Properties info) {
        Map<String, String> known = new LinkedHashMap<>();
        try {
            ConnectionSettings s = parse(url, info);
            known.put(USER, s.user());
            known.put(CONNECT_TIMEOUT, Integer.toString(s.connectTimeoutSeconds()));
            known.put(SOCKET_TIMEOUT, Integer.toString(s.socketTimeoutSeconds()));
            known.put(FETCH_SIZE, Integer.toString(s.fetchSize()));
        } catch (SQLException e) {
            // a URL still being typed: describe the properties without values
        }
        DriverPropertyInfo[] out = new DriverPropertyInfo[NAMES.size()];
        for (int i = 0; i < out.length; i++) {
            String name = NAMES.get(i);
            DriverPropertyInfo p = new DriverPropertyInfo(name, known.get(name));
            p.required = name.equals(USER) || name.equals(PASSWORD);
            p.description = switch (name) {
                case USER -> "SQL user name";
                case PASSWORD -> "SQL user's password";
                case CONNECT_TIMEOUT -> "seconds that connecting and logging in may take (default 10; 0: no limit)";
                case SOCKET_TIMEOUT -> "seconds a read from the server may block before the connection is dropped (default 0: no limit)";
                default -> "rows per result batch unless a statement sets its own (default 0: the server's, 65536)";
            };
            out[i] = p;
        }
        return out;
    }

    /** host:port, for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL of these settings, without the password. */
    public String url() {
        return PREFIX + address() + "/" + project;
    }

    private static String canonical(String name) {
        for (String n : NAMES) {
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static int number(String name, String text, int min, int max) throws SQLException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < min || n > max) {
                throw invalid("the " + name + " " + n + " is outside " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid("the " + name + " '" + text + "' is not a whole number");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static SQLException invalid(String what) {
        return JdbcErrors.of(ErrorCode.CONNECTION_FAILED, what);
    }

    @Override
    public String toString() { // never the password
        return "ConnectionSettings[" + url() + ", user=" + user + ", connectTimeout=" + connectTimeoutSeconds
                + ", socketTimeout=" + socketTimeoutSeconds + ", fetchSize=" + fetchSize + "]";
    }
}
