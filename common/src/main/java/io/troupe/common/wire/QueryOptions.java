package io.troupe.common.wire;

/**
 * Per-query settings sent with QUERY.
 *
 * @param maxRows        stop the result after this many rows (RESULT_END then says it was truncated); 0: all rows
 * @param fetchRows      rows per result batch; 0: {@link WireFormat#DEFAULT_FETCH_ROWS}. The server may send
 *                       smaller batches (it also bounds a batch's bytes) and lowers it to {@link WireFormat#MAX_FETCH_ROWS}
 * @param timeoutSeconds stop the query with QUERY_TIMEOUT after this long; 0: the server's default
 */
public record QueryOptions(long maxRows, int fetchRows, int timeoutSeconds) {
    /** All rows, the default batch size, the server's timeout. */
    public static final QueryOptions DEFAULTS = new QueryOptions(0, 0, 0);

    public QueryOptions {
        if (maxRows < 0 || fetchRows < 0 || timeoutSeconds < 0) {
            throw new IllegalArgumentException("query options are 0 or positive: maxRows " + maxRows
                    + ", fetchRows " + fetchRows + ", timeoutSeconds " + timeoutSeconds);
        }
    }

    /** The batch size the server uses for these options. */
    public int effectiveFetchRows() {
        return fetchRows == 0 ? WireFormat.DEFAULT_FETCH_ROWS : Math.min(fetchRows, WireFormat.MAX_FETCH_ROWS);
    }

    public QueryOptions withMaxRows(long rows) {
        return new QueryOptions(rows, fetchRows, timeoutSeconds);
    }

    public QueryOptions withFetchRows(int rows) {
        return new QueryOptions(maxRows, rows, timeoutSeconds);
    }

    public QueryOptions withTimeoutSeconds(int seconds) {
        return new QueryOptions(maxRows, fetchRows, seconds);
    }
}
