package io.troupe.sql;

import io.troupe.sql.cohort.ImportSettings;
import io.troupe.sql.ddl.SqlUserAdmin;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Settings of the SQL engine.
 *
 * @param defaultTimeoutMillis    a statement's timeout unless it sets its own ({@code setQueryTimeout}); 0 for none
 * @param queryMemoryLimitBytes   what Troupe's operators of one query may hold at once (hash tables, bitsets)
 * @param parallelism             threads one scan may use (segments are split between them)
 * @param userAdmin               runs CREATE/ALTER/DROP USER (the server's; {@link SqlUserAdmin#NONE} refuses them)
 * @param clock                   "now" for everything that depends on the wall clock (activity windows, dynamic
 *                                group property refreshes), so that tests can move time
 * @param lookupActiveWindowDays  GROUP_SEARCH lists only groups with an event in the last this many days before
 *                                {@code clock} (docs/account-lookup.md); the server's {@code lookup.activeWindowDays}
 * @param imports                 where IMPORT COHORT reads files (none: imports are refused) and its size limits
 */
public record SqlOptions(long defaultTimeoutMillis, long queryMemoryLimitBytes, int parallelism, SqlUserAdmin userAdmin,
                         Clock clock, int lookupActiveWindowDays, ImportSettings imports) {
    /** About six months, as Amplitude's account look-up: 183 days covers any six calendar months. */
    public static final int DEFAULT_LOOKUP_ACTIVE_WINDOW_DAYS = 183;

    public SqlOptions {
        java.util.Objects.requireNonNull(userAdmin, "userAdmin is null");
        java.util.Objects.requireNonNull(clock, "clock is null");
        java.util.Objects.requireNonNull(imports, "imports is null");
        if (lookupActiveWindowDays < 1) {
            throw new IllegalArgumentException("lookupActiveWindowDays must be at least 1, not " + lookupActiveWindowDays);
        }
    }

    public static SqlOptions defaults() {
        return new SqlOptions(0, 1L << 30, Runtime.getRuntime().availableProcessors(), SqlUserAdmin.NONE,
                Clock.systemUTC(), DEFAULT_LOOKUP_ACTIVE_WINDOW_DAYS, ImportSettings.NONE);
    }

    /** The folder IMPORT COHORT reads from (the server's {@code <data>/import/<project>/}), or null: imports refused. */
    public Path importFolder() {
        return imports.folder();
    }

    public SqlOptions withImportFolder(Path folder) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, parallelism, userAdmin, clock,
                lookupActiveWindowDays, imports.withFolder(folder));
    }

    /** The most lines and bytes an imported cohort file may have (defaults: 10 million lines, 256 MB). */
    public SqlOptions withImportLimits(long maxLines, long maxBytes) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, parallelism, userAdmin, clock,
                lookupActiveWindowDays, imports.withLimits(maxLines, maxBytes));
    }

    public SqlOptions withClock(Clock wallClock) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, parallelism, userAdmin, wallClock,
                lookupActiveWindowDays, imports);
    }

    public SqlOptions withTimeoutMillis(long millis) {
        return new SqlOptions(millis, queryMemoryLimitBytes, parallelism, userAdmin, clock, lookupActiveWindowDays, imports);
    }

    public SqlOptions withMemoryLimitBytes(long bytes) {
        return new SqlOptions(defaultTimeoutMillis, bytes, parallelism, userAdmin, clock, lookupActiveWindowDays, imports);
    }

    public SqlOptions withParallelism(int threads) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, Math.max(1, threads), userAdmin, clock,
                lookupActiveWindowDays, imports);
    }

    public SqlOptions withUserAdmin(SqlUserAdmin admin) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, parallelism, admin, clock,
                lookupActiveWindowDays, imports);
    }

    /** GROUP_SEARCH's activity window in days (at least 1). */
    public SqlOptions withLookupActiveWindowDays(int days) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, parallelism, userAdmin, clock, days, imports);
    }
}
