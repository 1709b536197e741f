package io.troupe.sql;

/**
 * Settings of the SQL engine.
 *
 * @param defaultTimeoutMillis    a statement's timeout unless it sets its own ({@code setQueryTimeout}); 0 for none
 * @param queryMemoryLimitBytes   what Troupe's operators of one query may hold at once (hash tables, bitsets)
 * @param parallelism             threads one scan may use (segments are split between them)
 */
public record SqlOptions(long defaultTimeoutMillis, long queryMemoryLimitBytes, int parallelism) {
    public static SqlOptions defaults() {
        return new SqlOptions(0, 1L << 30, Runtime.getRuntime().availableProcessors());
    }

    public SqlOptions withTimeoutMillis(long millis) {
        return new SqlOptions(millis, queryMemoryLimitBytes, parallelism);
    }

    public SqlOptions withMemoryLimitBytes(long bytes) {
        return new SqlOptions(defaultTimeoutMillis, bytes, parallelism);
    }

    public SqlOptions withParallelism(int threads) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, Math.max(1, threads));
    }
}
