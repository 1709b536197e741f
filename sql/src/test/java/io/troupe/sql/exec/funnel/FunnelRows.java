package io.troupe.sql.exec.funnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Rows for a funnel kernel in a test, fed in time order with the rows of one time as one run. */
final class FunnelRows {
    /** One row: a unit (negative: none), the steps and exclusions it matches (bit masks), a breakdown code. */
    record Row(long time, int unit, int steps, int exclusions, int code) {
        @Override
        public String toString() {
            return "u" + unit + "@" + time + " s" + Integer.toBinaryString(steps)
                    + (exclusions != 0 ? " x" + Integer.toBinaryString(exclusions) : "") + " c" + code;
        }
    }

    final List<Row> rows = new ArrayList<>();

    FunnelRows add(long time, int unit, int steps, int exclusions, int code) {
        rows.add(new Row(time, unit, steps, exclusions, code));
        return this;
    }

    /** Unit 0 at {@code time} matching {@code steps}. */
    FunnelRows at(long time, int steps) {
        return add(time, 0, steps, 0, 0);
    }

    /** Unit 0 at {@code time} matching the exclusions {@code exclusions} and no step. */
    FunnelRows excluded(long time, int exclusions) {
        return add(time, 0, 0, exclusions, 0);
    }

    /** Rows of unit {@code unit}, in time order (stable). */
    List<Row> of(int unit) {
        List<Row> out = new ArrayList<>();
        for (Row r : sorted()) {
            if (r.unit() == unit) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Row> sorted() {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Row::time));
        return sorted;
    }

    /** Feeds every run, with the rows within each run in arrival order or reversed. */
    <K extends FunnelKernel> K feed(K kernel, boolean reverseRuns) {
        List<Row> sorted = sorted();
        int n = sorted.size();
        int[] units = new int[n];
        int[] steps = new int[n];
        int[] exclusions = new int[n];
        int[] codes = new int[n];
        int from = 0;
        while (from < n) {
            int to = from + 1;
            while (to < n && sorted.get(to).time() == sorted.get(from).time()) {
                to++;
            }
            for (int i = from; i < to; i++) {
                Row r = sorted.get(reverseRuns ? to - 1 - (i - from) : i);
                units[i] = r.unit();
                steps[i] = r.steps();
                exclusions[i] = r.exclusions();
                codes[i] = r.code();
            }
            kernel.acceptRun(units, steps, exclusions, codes, from, to, sorted.get(from).time());
            from = to;
        }
        return kernel;
    }

    @Override
    public String toString() {
        return sorted().toString();
    }
}
