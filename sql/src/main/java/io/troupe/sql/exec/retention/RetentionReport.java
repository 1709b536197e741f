package io.troupe.sql.exec.retention;

/**
 * The counts a retention report shows, per (breakdown code, period), in two flat arrays indexed
 * {@code code * (periods + 1) + period}:
 * <ul>
 *   <li>{@link #eligible}: started units of that code whose period had fully elapsed by {@code end}
 *   ({@link RetentionKernel#eligible}); for period 0 every started unit of the code;</li>
 *   <li>{@link #retained}: those of them retained in the period ({@link RetentionKernel#retained}). A unit
 *   retained in a period that has not elapsed is in neither count, so {@code retained <= eligible} and
 *   {@link #retention} is a share of the units that could have returned.</li>
 * </ul>
 */
public final class RetentionReport {
    private final int codes;
    private final int width;
    private final long[] retained;
    private final long[] eligible;

    private RetentionReport(int codes, int width) {
        this.codes = codes;
        this.width = width;
        long cells = (long) codes * width;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many (breakdown, period) cells: " + cells);
        }
        this.retained = new long[(int) cells];
        this.eligible = new long[(int) cells];
    }

    /** Counts the started units of {@code kernel} by the code of their start row ({@link RetentionKernel#code}). */
    public static RetentionReport count(RetentionKernel kernel, long end, int codeCount) {
        return count(kernel, end, null, codeCount);
    }

    /**
     * Counts the started units of {@code kernel} by {@code unitCodes[unit]} (a unit with a negative code, or beyond
     * the array, is left out), or by the code of their start row when {@code unitCodes} is null.
     *
     * @param end       the latest event time the query read
     * @param codeCount codes are {@code 0..codeCount-1}
     */
    public static RetentionReport count(RetentionKernel kernel, long end, int[] unitCodes, int codeCount) {
        RetentionReport report = new RetentionReport(Math.max(codeCount, 0), kernel.periods() + 1);
        int units = kernel.units();
        for (int u = 0; u < units; u++) {
            if (!kernel.started(u)) {
                continue;
            }
            int code = unitCodes == null ? kernel.code(u) : u < unitCodes.length ? unitCodes[u] : -1;
            if (code < 0) {
                continue;
            }
            if (code >= codeCount) {
                throw new IllegalArgumentException("unit " + u + " has code " + code + ", not below " + codeCount);
            }
            int base = code * report.width;
            int last = kernel.lastEligible(u, end);
            long mask = kernel.retainedMask(u);
            for (int k = 0; k <= last; k++) {
                report.eligible[base + k]++;
                if ((mask & (1L << k)) != 0) {
                    report.retained[base + k]++;
                }
            }
        }
        return report;
    }

    /** The number of codes. */
    public int codes() {
        return codes;
    }

    /** The number of periods after period 0. */
    public int periods() {
        return width - 1;
    }

    /** Eligible units retained in the period. */
    public long retained(int code, int period) {
        return retained[index(code, period)];
    }

    /** Units whose period had elapsed by the end of the data. */
    public long eligible(int code, int period) {
        return eligible[index(code, period)];
    }

    /** {@code retained / eligible}, or null when no unit is eligible. */
    public Double retention(int code, int period) {
        long e = eligible(code, period);
        return e == 0 ? null : (double) retained(code, period) / e;
    }

    /** The retained counts, indexed {@code code * (periods + 1) + period} (the array itself: do not modify). */
    public long[] retainedCounts() {
        return retained;
    }

    /** The eligible counts, indexed {@code code * (periods + 1) + period} (the array itself: do not modify). */
    public long[] eligibleCounts() {
        return eligible;
    }

    private int index(int code, int period) {
        if (code < 0 || code >= codes || period < 0 || period >= width) {
            throw new IndexOutOfBoundsException("(code " + code + ", period " + period + ") outside " + codes + " x " + width);
        }
        return code * width + period;
    }
}
