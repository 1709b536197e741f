package io.troupe.sql;

import io.troupe.sql.ddl.SqlUserAdmin;

/**
 * Settings of the SQL engine.
 *
 * @param defaultTimeoutMillis    a statement's timeout unless it sets its own ({@code setQueryTimeout}); 0 for none
 * @param queryMemoryLimitBytes   what Troupe's operators of one query may hold at once (hash tables, bitsets)
 * @param parallelism             threads one scan may use (segments are split between them)
 * @param userAdmin               runs CREATE/ALTER/DROP USER (the server's; {@link SqlUserAdmin#NONE} refuses them)
 */
public record SqlOptions(long defaultTimeoutMillis, long queryMemoryLimitBytes, int parallelism, SqlUserAdmin userAdmin) {
    public SqlOptions {
        java.util.Objects.requireNonNull(userAdmin, "userAdmin is null");
    }

    public static SqlOptions defaults() {
        return new SqlOptions(0, 1L << 30, Runtime.getRuntime().availableProcessors(), SqlUserAdmin.NONE);
    }

    public SqlOptions withTimeoutMillis(long millis) {
        return new SqlOptions(millis, queryMemoryLimitBytes, parallelism, userAdmin);
    }

    public SqlOptions withMemoryLimitBytes(long bytes) {
        return new SqlOptions(defaultTimeoutMillis, bytes, parallelism, userAdmin);
    }

    public SqlOptions withParallelism(int threads) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, Math.max(1, threads), userAdmin);
    }

    public SqlOptions withUserAdmin(SqlUserAdmin admin) {
        return new SqlOptions(defaultTimeoutMillis, queryMemoryLimitBytes, parallelism, admin);
    }
}
