package io.troupe.sql;

/**
 * Settings of the SQL engine.
 *
 * @param defaultTimeoutMillis    a statement's timeout unless it sets its own ({@code setQueryTimeout}); 0 for none
 * @param queryMemoryLimitBytes   what Troupe's operators of one query may hold at once (hash tables, bitsets)
 */
public record SqlOptions(long defaultTimeoutMillis, long queryMemoryLimitBytes) {
    public static SqlOptions defaults() {
        return new SqlOptions(0, 1L << 30);
    }

    public SqlOptions withTimeoutMillis(long millis) {
        return new SqlOptions(millis, queryMemoryLimitBytes);
    }

    public SqlOptions withMemoryLimitBytes(long bytes) {
        return new SqlOptions(defaultTimeoutMillis, bytes);
    }
}
