package io.troupe.server.config;

import io.troupe.common.ErrorCode;
import io.troupe.common.TroupeException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's settings: where the data lives, what it listens on, and the limits of its listeners.
 * Read from a properties file ({@code --config FILE}, keys as in {@link #KEYS}) and then the command line
 * ({@code --data}, {@code --bind}, {@code --sql-port}, {@code --http-port}, {@code --admin-port}), which wins.
 * Immutable; {@code with...} methods return changed copies (tests bind port 0 and move the clock).
 *
 * @param dataDirectory         the folder of the projects, {@code secrets/} and {@code import/}
 * @param bind                  the address every listener binds to (127.0.0.1 unless set)
 * @param sqlPort               native SQL protocol (0 picks a free port)
 * @param httpPort              HTTP ingest
 * @param adminPort             admin HTTP
 * @param ioThreads             Netty event-loop threads shared by the listeners (never run queries or fsyncs)
 * @param queryThreads          the bounded pool that runs SQL statements
 * @param ingestThreads         the bounded pool that decodes and stores ingest requests; its workers also wait
 *                              for the WAL fsync of their batch, so there are more of them than cores (default
 *                              max(4, 2 x cores)): with one per core the cores idle during each fsync
 * @param walSyncEveryMillis    0: acknowledge after fsync with group commit; n: fsync every n ms (see StoreConfig)
 * @param maxEventsPerRequest   an ingest request with more events gets 413 (Amplitude: 2000)
 * @param maxBodyBytes          an ingest request body larger than this gets 413 (Amplitude: 20 MB)
 * @param eventsPerUserPerSecond a user sending more events per second gets 429; 0 turns throttling off
 * @param segmentGroupTraits    the traits of a Segment {@code group} call that name the group type, then value
 * @param queryTimeoutSeconds   a statement without its own timeout stops after this long; 0: no limit
 * @param shutdownGraceSeconds  on SIGTERM, in-flight requests get this long before the stores close
 * @param ingestIdleTimeoutSeconds an HTTP ingest connection idle this long is closed, and a request whose
 *                              head and body have not all arrived this long after its first byte gets 408
 * @param dynamicCheckSeconds   how often the scheduler looks for dynamic group properties due a refresh
 *                              (docs/dynamic-properties.md); 0 turns scheduled refreshes off
 * @param clock                 the server's clock (also the SQL engine's "now")
 * @param lookupActiveWindowDays GROUP_SEARCH lists the groups with an event in the last this many days (default
 *                              183, about six months; docs/account-lookup.md)
 * @param columnarResults       a statement that is a plain scan of {@code events} sends its rows from the scan's
 *                              columns instead of through JDBC rows (the same bytes, faster; docs/protocol.md);
 *                              false sends every result through the row path
 */
public record ServerConfig(Path dataDirectory, String bind, int sqlPort, int httpPort, int adminPort, int ioThreads,
                           int queryThreads, int ingestThreads, long walSyncEveryMillis, int maxEventsPerRequest,
                           long maxBodyBytes, int eventsPerUserPerSecond, List<String> segmentGroupTraits,
                           int queryTimeoutSeconds, int shutdownGraceSeconds, int ingestIdleTimeoutSeconds,
                           int dynamicCheckSeconds, Clock clock, int lookupActiveWindowDays,
                           boolean columnarResults) {
    public static final int DEFAULT_SQL_PORT = 7430;
    public static final int DEFAULT_HTTP_PORT = 7431;
    public static final int DEFAULT_ADMIN_PORT = 7432;

    /** The keys a config file may hold; anything else is refused so that a typo is not silently ignored. */
    public static final Set<String> KEYS = Set.of("data", "bind", "sql.port", "http.port", "admin.port", "io.threads",
            "query.threads", "ingest.threads", "wal.syncEveryMillis", "ingest.maxEventsPerRequest",
            "ingest.maxBodyBytes", "ingest.eventsPerUserPerSecond", "segment.groupTraits", "query.timeoutSeconds",
            "shutdown.graceSeconds", "ingest.idleTimeoutSeconds", "dynamic.checkSeconds", "lookup.activeWindowDays",
            "query.columnarResults");

    public ServerConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory is null");
        Objects.requireNonNull(bind, "bind is null");
        Objects.requireNonNull(clock, "clock is null");
        segmentGroupTraits = List.copyOf(segmentGroupTraits);
        for (int port : new int[] {sqlPort, httpPort, adminPort}) {
            if (port < 0 || port > 65_535) {
                throw invalid("port " + port + " is outside 0-65535");
            }
        }
        if (ioThreads < 1 || queryThreads < 1 || ingestThreads < 1) {
            throw invalid("thread counts must be at least 1");
        }
        if (maxEventsPerRequest < 1 || maxBodyBytes < 1 || eventsPerUserPerSecond < 0 || queryTimeoutSeconds < 0
                || shutdownGraceSeconds < 0 || walSyncEveryMillis < 0 || ingestIdleTimeoutSeconds < 1
                || dynamicCheckSeconds < 0) {
            throw invalid("limits must be positive (0 turns throttling, timeouts and periodic sync off;"
                    + " the ingest idle timeout is at least 1 s)");
        }
        if (lookupActiveWindowDays < 1) {
            throw invalid("lookup.activeWindowDays must be at least 1 (days)");
        }
        if (segmentGroupTraits.size() != 2) {
            throw invalid("segment.groupTraits names two traits: the group type's, then the group value's");
        }
    }

    /**
     * Defaults: {@code ./troupe-data}, loopback, ports 7430-7432, Amplitude's ingest limits, throttling off, an
     * ingest idle timeout of 30 s.
     */
    public static ServerConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig(Path.of("troupe-data"), "127.0.0.1", DEFAULT_SQL_PORT, DEFAULT_HTTP_PORT,
                DEFAULT_ADMIN_PORT, Math.max(2, cores), Math.max(2, cores), Math.max(4, 2 * cores), 0, 2000,
                20L * 1024 * 1024, 0, List.of("groupType", "groupValue"), 0, 30, 30, 60, Clock.systemUTC(),
                io.troupe.sql.SqlOptions.DEFAULT_LOOKUP_ACTIVE_WINDOW_DAYS, true);
    }

    /**
     * The defaults, overlaid with the config file named by {@code --config} (if any), then the command line.
     *
     * @throws TroupeException {@code INVALID_ARGUMENT} for an unknown key, a bad number or an unreadable file
     */
    public static ServerConfig fromArguments(String[] args) {
        Map<String, String> settings = new TreeMap<>();
        String file = Arguments.option(args, "--config", null);
        if (file != null) {
            settings.putAll(readFile(Path.of(file)));
        }
        Map<String, String> flags = Map.of("--data", "data", "--bind", "bind", "--sql-port", "sql.port",
                "--http-port", "http.port", "--admin-port", "admin.port");
        flags.forEach((flag, key) -> {
            String value = Arguments.option(args, flag, null);
            if (value != null) {
                settings.put(key, value);
            }
        });
        return defaults().with(settings);
    }

    static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.FILE_NOT_READABLE, e, file, e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k).strip()));
        return out;
    }

    /** This config with the given settings (keys of {@link #KEYS}) applied. */
    public ServerConfig with(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw invalid("unknown setting '" + key + "'; known: " + new java.util.TreeSet<>(KEYS));
            }
        }
        return new ServerConfig(
                Path.of(settings.getOrDefault("data", dataDirectory.toString())),
                settings.getOrDefault("bind", bind),
                integer(settings, "sql.port", sqlPort),
                integer(settings, "http.port", httpPort),
                integer(settings, "admin.port", adminPort),
                integer(settings, "io.threads", ioThreads),
                integer(settings, "query.threads", queryThreads),
                integer(settings, "ingest.threads", ingestThreads),
                longValue(settings, "wal.syncEveryMillis", walSyncEveryMillis),
                integer(settings, "ingest.maxEventsPerRequest", maxEventsPerRequest),
                longValue(settings, "ingest.maxBodyBytes", maxBodyBytes),
                integer(settings, "ingest.eventsPerUserPerSecond", eventsPerUserPerSecond),
                settings.containsKey("segment.groupTraits")
                        ? List.of(settings.get("segment.groupTraits").split("\\s*,\\s*")) : segmentGroupTraits,
                integer(settings, "query.timeoutSeconds", queryTimeoutSeconds),
                integer(settings, "shutdown.graceSeconds", shutdownGraceSeconds),
                integer(settings, "ingest.idleTimeoutSeconds", ingestIdleTimeoutSeconds),
                integer(settings, "dynamic.checkSeconds", dynamicCheckSeconds),
                clock,
                integer(settings, "lookup.activeWindowDays", lookupActiveWindowDays),
                bool(settings, "query.columnarResults", columnarResults));
    }

    /** The same settings with every port 0 (free ports: tests run listeners side by side). */
    public ServerConfig withFreePorts() {
        return with(Map.of("sql.port", "0", "http.port", "0", "admin.port", "0"));
    }

    public ServerConfig withDataDirectory(Path directory) {
        return with(Map.of("data", directory.toString()));
    }

    public ServerConfig withClock(Clock c) {
        return new ServerConfig(dataDirectory, bind, sqlPort, httpPort, adminPort, ioThreads, queryThreads,
                ingestThreads, walSyncEveryMillis, maxEventsPerRequest, maxBodyBytes, eventsPerUserPerSecond,
                segmentGroupTraits, queryTimeoutSeconds, shutdownGraceSeconds, ingestIdleTimeoutSeconds,
                dynamicCheckSeconds, c, lookupActiveWindowDays, columnarResults);
    }

    /** True when {@link #bind} is a loopback address (127.0.0.0/8, ::1 or localhost). */
    public boolean bindsLoopbackOnly() {
        String b = bind.toLowerCase(Locale.ROOT);
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }

    private static boolean bool(Map<String, String> settings, String key, boolean fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("setting '" + key + "' = '" + value + "' is not true or false");
        };
    }

    private static int integer(Map<String, String> settings, String key, int fallback) {
        long value = longValue(settings, key, fallback);
        if (value != (int) value) {
            throw invalid("setting '" + key + "' = " + value + " is too large");
        }
        return (int) value;
    }

    private static long longValue(Map<String, String> settings, String key, long fallback) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalid("setting '" + key + "' = '" + value + "' is not a whole number");
        }
    }

    private static TroupeException invalid(String message) {
        return new TroupeException(ErrorCode.INVALID_ARGUMENT, "Invalid server setting: " + message);
    }
}
