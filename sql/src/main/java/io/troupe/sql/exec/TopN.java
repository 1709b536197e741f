package io.troupe.sql.exec;

/**
 * {@code ORDER BY <time output> [DESC] LIMIT take OFFSET skip} over a scan's rows.
 *
 * @param output     index of the output to order by (a time or time bucket)
 * @param descending newest first
 * @param skip       rows to drop after ordering (OFFSET)
 * @param take       rows to return (LIMIT)
 */
public record TopN(int output, boolean descending, long skip, long take) {
    @Override
    public String toString() {
        return "$" + output + (descending ? " DESC" : "") + " LIMIT " + take + (skip > 0 ? " OFFSET " + skip : "");
    }
}
