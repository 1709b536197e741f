package io.troupe.sql.exec.funnel;

import io.troupe.sql.exec.funnel.FunnelRows.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The funnel definitions of {@link FunnelKernel}, computed as plainly as possible for one unit's rows (in time
 * order): SEQUENTIAL and ANY by enumerating every choice of events, STRICT by ClickHouse's loop over its sorted
 * entries. Slow, and meant to be.
 */
final class FunnelReference {
    /** The level, per step k the time to convert ({@code convert[k - 1]}, -1 when not reached) and the code. */
    record Result(int level, long[] convert, int code) {
        @Override
        public String toString() {
            return "level " + level + " convert " + Arrays.toString(convert) + " code " + code;
        }
    }

    private final int steps;
    private final long window;
    private final int[] from;
    private final int[] to;

    FunnelReference(int steps, long window, int[] from, int[] to) {
        this.steps = steps;
        this.window = window;
        this.from = from;
        this.to = to;
    }

    private static boolean matches(Row r, int step) {
        return (r.steps() & (1 << (step - 1))) != 0;
    }

    /**
     * For each level k: the first time a choice reached it, and among the choices reaching it then the best
     * (latest start / least span, then smallest code).
     */
    private final class Best {
        final long[] first = new long[steps + 1];
        final long[] start = new long[steps + 1];
        final long[] span = new long[steps + 1];
        final int[] code = new int[steps + 1];

        Best() {
            Arrays.fill(first, Long.MAX_VALUE);
        }

        /** A choice reaching level k at {@code time}, spanning {@code spanned}, whose step-1 event is at {@code begin}. */
        void offer(int k, long time, long spanned, long begin, int c) {
            boolean better = time < first[k]
                    || time == first[k] && (spanned < span[k]
                    || spanned == span[k] && (begin > start[k]
                    || begin == start[k] && c < code[k]));
            if (better) {
                first[k] = time;
                span[k] = spanned;
                start[k] = begin;
                code[k] = c;
            }
        }

        Result result() {
            int level = 0;
            long[] convert = new long[steps];
            for (int k = 1; k <= steps; k++) {
                if (first[k] != Long.MAX_VALUE) {
                    level = k;
                    convert[k - 1] = k == 1 ? 0 : span[k];
                } else {
                    convert[k - 1] = -1;
                }
            }
            return new Result(level, convert, level == 0 ? 0 : code[level]);
        }
    }

    // SEQUENTIAL: every chain e1..ek, times non-decreasing, within the window, not broken by an exclusion.

    Result sequential(List<Row> rows) {
        Best best = new Best();
        List<Row> chain = new ArrayList<>();
        for (Row r : rows) {
            if (matches(r, 1)) {
                chain.add(r);
                extend(rows, chain, best);
                chain.remove(0);
            }
        }
        return best.result();
    }

    private void extend(List<Row> rows, List<Row> chain, Best best) {
        int k = chain.size();
        Row last = chain.get(k - 1);
        long start = chain.get(0).time();
        best.offer(k, last.time(), last.time() - start, start, chain.get(0).code());
        if (k == steps) {
            return;
        }
        for (Row r : rows) {
            if (matches(r, k + 1) && r.time() >= last.time() && r.time() - start <= window) {
                chain.add(r);
                if (!broken(rows, chain)) {
                    extend(rows, chain, best);
                }
                chain.remove(k);
            }
        }
    }

    /** Whether an exclusion row x has t(e_from) < t(x) <= t(e_min(to, k)). */
    private boolean broken(List<Row> rows, List<Row> chain) {
        int k = chain.size();
        for (int e = 0; e < from.length; e++) {
            if (from[e] >= k) {
                continue;
            }
            long after = chain.get(from[e] - 1).time();
            long until = chain.get(Math.min(to[e], k) - 1).time();
            for (Row x : rows) {
                if ((x.exclusions() & (1 << e)) != 0 && after < x.time() && x.time() <= until) {
                    return true;
                }
            }
        }
        return false;
    }

    // STRICT: ClickHouse's loop, entries sorted by (time, index), exclusions first.

    Result strict(List<Row> rows) {
        List<long[]> entries = new ArrayList<>(); // time, index (-1 exclusion, 0 no step, s step s), row number
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.exclusions() != 0) {
                entries.add(new long[] {r.time(), -1, i});
            }
            if (r.steps() == 0) {
                entries.add(new long[] {r.time(), 0, i});
            }
            for (int s = 1; s <= steps; s++) {
                if (matches(r, s)) {
                    entries.add(new long[] {r.time(), s, i});
                }
            }
        }
        entries.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        Long[] start = new Long[steps];
        int[] code = new int[steps];
        boolean firstEvent = false;
        Best best = new Best();
        for (long[] entry : entries) {
            long time = entry[0];
            int index = (int) entry[1];
            Row row = rows.get((int) entry[2]);
            if (index == -1) {
                for (int e = 0; e < from.length; e++) {
                    if ((row.exclusions() & (1 << e)) != 0) {
                        Arrays.fill(start, from[e] - 1, to[e] - 1, null);
                    }
                }
            } else if (index == 0) {
                if (firstEvent) {
                    break;
                }
            } else if (index == 1) {
                code[0] = start[0] != null && start[0] == time ? Math.min(code[0], row.code()) : row.code();
                start[0] = time;
                firstEvent = true;
                best.offer(1, time, 0, time, code[0]);
            } else if (firstEvent && start[index - 2] == null) {
                break;
            } else if (start[index - 2] != null && time <= start[index - 2] + window) {
                start[index - 1] = start[index - 2];
                code[index - 1] = code[index - 2];
                best.offer(index, time, time - start[index - 1], start[index - 1], code[index - 1]);
            }
        }
        return best.result();
    }

    // ANY: epochs cut by exclusions, then every choice of one event per step within an epoch.

    Result any(List<Row> rows) {
        List<Long> epochStarts = new ArrayList<>(List.of(Long.MIN_VALUE));
        for (Row x : rows) {
            for (int e = 0; e < from.length; e++) {
                if ((x.exclusions() & (1 << e)) == 0) {
                    continue;
                }
                List<Row> before = epoch(rows, epochStarts.get(epochStarts.size() - 1), x.time());
                int first = from[e];
                boolean seenFrom = before.stream().anyMatch(r -> matches(r, first));
                if (seenFrom && choose(before).result().level() < to[e]) {
                    epochStarts.add(x.time());
                }
            }
        }
        Best best = new Best();
        for (int i = 0; i < epochStarts.size(); i++) {
            long end = i + 1 < epochStarts.size() ? epochStarts.get(i + 1) : Long.MAX_VALUE;
            choose(epoch(rows, epochStarts.get(i), end), best);
        }
        return best.result();
    }

    private static List<Row> epoch(List<Row> rows, long from, long until) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.time() >= from && r.time() < until) {
                out.add(r);
            }
        }
        return out;
    }

    private Best choose(List<Row> rows) {
        Best best = new Best();
        choose(rows, best);
        return best;
    }

    private void choose(List<Row> rows, Best best) {
        choose(rows, new ArrayList<>(), best);
    }

    private void choose(List<Row> rows, List<Row> chosen, Best best) {
        int k = chosen.size();
        if (k > 0) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Row r : chosen) {
                min = Math.min(min, r.time());
                max = Math.max(max, r.time());
            }
            if (max - min > window) {
                return; // adding events only widens the span
            }
            best.offer(k, max, max - min, chosen.get(0).time(), chosen.get(0).code());
        }
        if (k == steps) {
            return;
        }
        for (Row r : rows) {
            if (matches(r, k + 1)) {
                chosen.add(r);
                choose(rows, chosen, best);
                chosen.remove(k);
            }
        }
    }
}
