package io.troupe.sql.exec.retention;

import static io.troupe.sql.exec.retention.RetentionKernel.DAY_MILLIS;
import static io.troupe.sql.exec.retention.RetentionKernel.RETURN;
import static io.troupe.sql.exec.retention.RetentionKernel.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.sql.parser.RetentionMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hand cases of each mode, CALENDAR, the period boundaries and eligibility, then a randomized comparison with a
 * brute-force reference that applies the definitions of the class comment literally (interval tests per period,
 * no division).
 */
class RetentionKernelTest {
    private static final long H = 3_600_000L;
    private static final long P = 24 * H;
    private static final long T0 = 1_767_571_200_000L; // 2026-01-05 00:00 UTC
    private static final int BOTH = START | RETURN;

    /** One row of a test: unit, time, flags, code. */
    private record Row(int unit, long time, int flags, int code) {
    }

    private static Row r(long time, int flags) {
        return new Row(0, time, flags, 0);
    }

    /** Feeds rows sorted by time (stable), equal times as one run. */
    private static RetentionKernel run(RetentionMode mode, boolean calendar, long period, int periods, List<Row> rows) {
        RetentionKernel kernel = new RetentionKernel(mode, calendar, period, periods, 1);
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Row::time));
        int n = sorted.size();
        int[] units = new int[n];
        int[] flags = new int[n];
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            units[i] = sorted.get(i).unit();
            flags[i] = sorted.get(i).flags();
            codes[i] = sorted.get(i).code();
        }
        int from = 0;
        while (from < n) {
            long t = sorted.get(from).time();
            int to = from + 1;
            while (to < n && sorted.get(to).time() == t) {
                to++;
            }
            kernel.acceptRun(units, flags, codes, from, to, t);
            from = to;
        }
        return kernel;
    }

    private static RetentionKernel nDay(int periods, Row... rows) {
        return run(RetentionMode.N_DAY, false, P, periods, List.of(rows));
    }

    @Test
    void nDayBoundaries() {
        // Return exactly at start + P is period 1, exactly at start + 2P period 2; start + P - 1 ms still period 0.
        assertEquals(0b011, nDay(3, r(T0, START), r(T0 + P, RETURN)).retainedMask(0));
        assertEquals(0b101, nDay(3, r(T0, START), r(T0 + 2 * P, RETURN)).retainedMask(0));
        assertEquals(0b001, nDay(3, r(T0, START), r(T0 + P - 1, RETURN)).retainedMask(0));
        assertEquals(0b011, nDay(3, r(T0, START), r(T0 + 2 * P - 1, RETURN)).retainedMask(0));
        // Beyond the last period: ignored.
        assertEquals(0b001, nDay(2, r(T0, START), r(T0 + 3 * P, RETURN)).retainedMask(0));
        assertEquals(0b101, nDay(2, r(T0, START), r(T0 + 3 * P - 1, RETURN)).retainedMask(0));
    }

    @Test
    void startsAndReturnsAtTheSameTime() {
        RetentionKernel k = nDay(2, r(T0, RETURN), r(T0, START));
        assertTrue(k.started(0));
        assertEquals(0b001, k.retainedMask(0), "a return at the start's own time is offset 0: period 0 only");
        assertEquals(0b001, nDay(2, r(T0, BOTH)).retainedMask(0), "one row both start and return");
        assertEquals(0b011, nDay(2, r(T0, BOTH), r(T0 + P, BOTH)).retainedMask(0),
                "a later start row is a return, not a new start");
        assertEquals(T0, nDay(2, r(T0, BOTH), r(T0 + P, BOTH)).start(0));
    }

    @Test
    void returnsBeforeTheStartAreIgnored() {
        RetentionKernel k = nDay(3, r(T0, RETURN), r(T0 + P, RETURN), r(T0 + 2 * P, START), r(T0 + 3 * P, RETURN));
        assertEquals(T0 + 2 * P, k.start(0));
        assertEquals(0b0011, k.retainedMask(0));
        RetentionKernel none = nDay(3, r(T0, RETURN));
        assertFalse(none.started(0));
        assertEquals(0, none.retainedMask(0));
        assertFalse(none.retained(0, 0));
        assertFalse(none.eligible(0, 0, T0));
    }

    @Test
    void codesComeFromTheFirstStartRow() {
        RetentionKernel k = run(RetentionMode.N_DAY, false, P, 1, List.of(
                new Row(3, T0 + 5, START, 7), new Row(3, T0 + 5, START, 8), new Row(3, T0 + 9, START, 9),
                new Row(1, T0, RETURN, 4)));
        assertEquals(7, k.code(3));
        assertEquals(0, k.code(1));
        assertFalse(k.started(1));
        assertFalse(k.started(2));
        assertEquals(4, k.units());
        assertEquals(0, k.code(100));
        assertFalse(k.started(-1));
    }

    @Test
    void unboundedCountsEveryEarlierPeriod() {
        RetentionKernel k = run(RetentionMode.UNBOUNDED, false, P, 5,
                List.of(r(T0, START), r(T0 + 3 * P, RETURN)));
        assertEquals(0b001111, k.retainedMask(0), "a return in period 3 holds periods 0..3");
        assertEquals(0b111111, run(RetentionMode.UNBOUNDED, false, P, 5,
                List.of(r(T0, START), r(T0 + 100 * P, RETURN))).retainedMask(0), "after the last period: every period");
        assertEquals(0b000011, run(RetentionMode.UNBOUNDED, false, P, 5,
                List.of(r(T0, START), r(T0 + P, RETURN))).retainedMask(0), "exactly at start + P");
        assertEquals(0b000001, run(RetentionMode.UNBOUNDED, false, P, 5,
                List.of(r(T0, START), r(T0 + P - 1, RETURN))).retainedMask(0));
        assertEquals(-1L, run(RetentionMode.UNBOUNDED, false, P, 63,
                List.of(r(T0, START), r(T0 + 63 * P, RETURN))).retainedMask(0), "63 periods: all 64 bits");
    }

    @Test
    void calendarCountsUtcDays() {
        long start = T0 + 23 * H; // 23:00 on day 0
        // One hour later is day 1: period 1 in CALENDAR, period 0 in 24-hour periods.
        assertEquals(0b011, run(RetentionMode.N_DAY, true, P, 3, List.of(r(start, START), r(start + H, RETURN))).retainedMask(0));
        assertEquals(0b001, run(RetentionMode.N_DAY, false, P, 3, List.of(r(start, START), r(start + H, RETURN))).retainedMask(0));
        // Later on the start's own day: period 0; the last millisecond of day 1: period 1; day 2 at midnight: period 2.
        assertEquals(0b001, run(RetentionMode.N_DAY, true, P, 3, List.of(r(T0 + H, START), r(T0 + 23 * H, RETURN))).retainedMask(0));
        assertEquals(0b011, run(RetentionMode.N_DAY, true, P, 3, List.of(r(T0 + H, START), r(T0 + 2 * P - 1, RETURN))).retainedMask(0));
        assertEquals(0b101, run(RetentionMode.N_DAY, true, P, 3, List.of(r(T0 + H, START), r(T0 + 2 * P, RETURN))).retainedMask(0));
        // Weeks of 7 calendar days: day 6 is period 0, day 7 period 1, day 14 period 2; UNBOUNDED fills in.
        long week = 7 * P;
        assertEquals(0b001, run(RetentionMode.N_DAY, true, week, 3, List.of(r(T0 + 20 * H, START), r(T0 + 6 * P + 23 * H, RETURN))).retainedMask(0));
        assertEquals(0b011, run(RetentionMode.N_DAY, true, week, 3, List.of(r(T0 + 20 * H, START), r(T0 + 7 * P, RETURN))).retainedMask(0));
        assertEquals(0b111, run(RetentionMode.UNBOUNDED, true, week, 3, List.of(r(T0 + 20 * H, START), r(T0 + 14 * P, RETURN))).retainedMask(0));
        // Times before 1970 floor to their day too.
        assertEquals(0b011, run(RetentionMode.N_DAY, true, P, 1, List.of(r(-H, START), r(0, RETURN))).retainedMask(0));
    }

    @Test
    void eligibility() {
        RetentionKernel k = nDay(3, r(T0, START));
        assertTrue(k.eligible(0, 0, T0), "period 0 always");
        assertFalse(k.eligible(0, 1, T0 + 2 * P - 2));
        assertTrue(k.eligible(0, 1, T0 + 2 * P - 1), "N_DAY: the period's last millisecond is at most end");
        assertFalse(k.eligible(0, 2, T0 + 3 * P - 2));
        assertTrue(k.eligible(0, 2, T0 + 3 * P - 1));
        assertFalse(k.eligible(0, 4, Long.MAX_VALUE), "outside 0..periods");
        assertEquals(1, k.lastEligible(0, T0 + 3 * P - 2));
        assertEquals(3, k.lastEligible(0, Long.MAX_VALUE));

        RetentionKernel u = run(RetentionMode.UNBOUNDED, false, P, 3, List.of(r(T0, START)));
        assertFalse(u.eligible(0, 1, T0 + P - 1));
        assertTrue(u.eligible(0, 1, T0 + P), "UNBOUNDED: the period has begun");
        assertEquals(2, u.lastEligible(0, T0 + 2 * P));

        long start = T0 + 23 * H;
        RetentionKernel c = run(RetentionMode.N_DAY, true, P, 3, List.of(r(start, START)));
        assertFalse(c.eligible(0, 1, T0 + P + 0 - 1), "end still on the start's day");
        assertTrue(c.eligible(0, 1, T0 + P), "CALENDAR N_DAY: end is on day 1, the period's last day (days, not milliseconds)");
        assertFalse(c.eligible(0, 2, T0 + 2 * P - 1));
        RetentionKernel cw = run(RetentionMode.N_DAY, true, 7 * P, 2, List.of(r(start, START)));
        assertFalse(cw.eligible(0, 1, T0 + 13 * P - 1), "week 1 ends with day 13");
        assertTrue(cw.eligible(0, 1, T0 + 13 * P));
        RetentionKernel cu = run(RetentionMode.UNBOUNDED, true, 7 * P, 2, List.of(r(start, START)));
        assertFalse(cu.eligible(0, 1, T0 + 7 * P - 1));
        assertTrue(cu.eligible(0, 1, T0 + 7 * P), "CALENDAR UNBOUNDED: the period's first day has come");
        assertFalse(k.eligible(0, 1, T0 - 5), "an end before the start");
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionKernel(RetentionMode.N_DAY, true, 36 * H, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new RetentionKernel(RetentionMode.N_DAY, false, 0, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new RetentionKernel(RetentionMode.N_DAY, false, P, 64, 1));
        assertThrows(IllegalArgumentException.class, () -> new RetentionKernel(RetentionMode.N_DAY, false, P, -1, 1));
        assertTrue(RetentionKernel.check(true, 36 * H, 3).contains("whole number of days"));
        new RetentionKernel(RetentionMode.N_DAY, false, 36 * H, 0, 0); // fine
    }

    @Test
    void reportCountsRetainedAmongEligibleUnits() {
        // Units 0 and 1 start at T0 (codes 0 and 1), unit 2 at T0 + P (code 1); end is T0 + 2P - 1.
        RetentionKernel k = run(RetentionMode.N_DAY, false, P, 2, List.of(
                new Row(0, T0, START, 0), new Row(1, T0, START, 1), new Row(2, T0 + P, START, 1),
                new Row(0, T0 + P, RETURN, 0), new Row(1, T0 + P + 5, RETURN, 0), new Row(2, T0 + P + 7, RETURN, 0),
                new Row(2, T0 + 2 * P - 1, RETURN, 0), new Row(5, T0, RETURN, 0)));
        long end = T0 + 2 * P - 1;
        RetentionReport report = RetentionReport.count(k, end, 2);
        assertEquals(1, report.eligible(0, 0));
        assertEquals(1, report.retained(0, 1));
        assertEquals(2, report.eligible(1, 0));
        assertEquals(2, report.retained(1, 0));
        assertEquals(1, report.eligible(1, 1), "unit 2's period 1 ends at T0 + 3P - 1");
        assertEquals(1, report.retained(1, 1), "unit 2 returned in its (unfinished) period 0 only");
        assertEquals(0, report.eligible(1, 2));
        assertEquals(null, report.retention(1, 2));
        assertEquals(1.0, report.retention(1, 1));
        // Codes given per unit: all in code 0, unit 1 left out.
        RetentionReport given = RetentionReport.count(k, end, new int[] {0, -1, 0}, 1);
        assertEquals(2, given.eligible(0, 0));
        assertEquals(1, given.eligible(0, 1));
        assertEquals(6, report.retainedCounts().length);
    }

    @Test
    void agreesWithABruteForceReference() {
        long seed = Long.getLong("troupe.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int round = 0; round < 400; round++) {
            RetentionMode mode = random.nextBoolean() ? RetentionMode.N_DAY : RetentionMode.UNBOUNDED;
            boolean calendar = random.nextInt(3) == 0;
            long period = calendar ? (1 + random.nextInt(3)) * DAY_MILLIS : 1 + random.nextInt(4) * 12 * H + random.nextInt(3);
            int periods = random.nextInt(8);
            int units = 1 + random.nextInt(12);
            List<Row> rows = new ArrayList<>();
            int n = random.nextInt(120);
            for (int i = 0; i < n; i++) {
                // Quarter-hours over ten days: ties, midnights and exact period boundaries are common.
                long t = T0 - 2 * P + random.nextInt(10 * 96) * 15 * 60_000L;
                if (random.nextInt(5) == 0 && !rows.isEmpty()) {
                    t = rows.get(random.nextInt(rows.size())).time() + random.nextInt(4) * period; // exact boundaries
                }
                rows.add(new Row(random.nextInt(units), t, 1 + random.nextInt(3), random.nextInt(5)));
            }
            RetentionKernel kernel = run(mode, calendar, period, periods, rows);
            long end = rows.stream().mapToLong(Row::time).max().orElse(T0);
            String what = "seed " + seed + " round " + round + " " + mode + (calendar ? " CALENDAR" : "") + " P=" + period
                    + " periods=" + periods + " rows=" + rows;
            for (int u = 0; u < units; u++) {
                Reference ref = reference(mode, calendar, period, periods, rows, u, end);
                assertEquals(ref.started, kernel.started(u), what);
                if (!ref.started) {
                    continue;
                }
                assertEquals(ref.start, kernel.start(u), what);
                assertEquals(ref.code, kernel.code(u), what);
                assertEquals(Long.toBinaryString(ref.mask), Long.toBinaryString(kernel.retainedMask(u)), what + " unit " + u);
                for (int k = 0; k <= periods; k++) {
                    assertEquals(ref.eligible[k], kernel.eligible(u, k, end), what + " unit " + u + " period " + k);
                }
            }
        }
    }

    private record Reference(boolean started, long start, int code, long mask, boolean[] eligible) {
    }

    /** The definitions, literally: the first start row (by time, then arrival); per period, an interval test. */
    private static Reference reference(RetentionMode mode, boolean calendar, long period, int periods, List<Row> rows,
                                       int unit, long end) {
        Row first = null;
        for (Row row : rows) {
            if (row.unit() == unit && (row.flags() & START) != 0 && (first == null || row.time() < first.time())) {
                first = row;
            }
        }
        if (first == null) {
            return new Reference(false, 0, 0, 0, null);
        }
        long start = first.time();
        long days = period / DAY_MILLIS;
        long mask = 1;
        for (Row row : rows) {
            if (row.unit() != unit || (row.flags() & RETURN) == 0 || row.time() < start) {
                continue;
            }
            for (int k = 1; k <= periods; k++) {
                boolean holds;
                if (calendar) {
                    long d = Math.floorDiv(row.time(), DAY_MILLIS) - Math.floorDiv(start, DAY_MILLIS);
                    holds = d >= k * days && (mode == RetentionMode.UNBOUNDED || d < (k + 1) * days);
                } else {
                    holds = row.time() >= start + k * period && (mode == RetentionMode.UNBOUNDED || row.time() < start + (k + 1) * period);
                }
                if (holds) {
                    mask |= 1L << k;
                }
            }
        }
        boolean[] eligible = new boolean[periods + 1];
        Arrays.fill(eligible, true);
        for (int k = 1; k <= periods; k++) {
            if (calendar) {
                long startDay = Math.floorDiv(start, DAY_MILLIS);
                long endDay = Math.floorDiv(end, DAY_MILLIS);
                eligible[k] = mode == RetentionMode.N_DAY ? startDay + (k + 1) * days - 1 <= endDay : startDay + k * days <= endDay;
            } else {
                eligible[k] = mode == RetentionMode.N_DAY ? start + (k + 1) * period - 1 <= end : start + k * period <= end;
            }
        }
        return new Reference(true, start, first.code(), mask, eligible);
    }
}
