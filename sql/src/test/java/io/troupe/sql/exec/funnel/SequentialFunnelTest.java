package io.troupe.sql.exec.funnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The windowFunnel cases of the dialect issue (window 10, steps A, B, C) and a randomized comparison with a
 * direct search over every chain, which defines "level k" as DIALECT.md does.
 */
class SequentialFunnelTest {
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 4;
    private static final int D = 0; // matches no step

    /** Events of unit 0 as (time, mask) pairs, fed in time order with equal times as one run. */
    private static int level(long window, long[][] events) {
        SequentialFunnel funnel = new SequentialFunnel(3, window, 1);
        feed(funnel, events, new int[events.length]);
        return funnel.level(0);
    }

    private static void feed(SequentialFunnel funnel, long[][] events, int[] units) {
        Integer[] order = new Integer[events.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingLong(i -> events[i][0])); // stable: arrival order in a time
        int[] u = new int[events.length];
        int[] m = new int[events.length];
        for (int i = 0; i < order.length; i++) {
            u[i] = units[order[i]];
            m[i] = (int) events[order[i]][1];
        }
        int from = 0;
        while (from < order.length) {
            int to = from + 1;
            long t = events[order[from]][0];
            while (to < order.length && events[order[to]][0] == t) {
                to++;
            }
            funnel.acceptRun(u, m, from, to, t);
            from = to;
        }
    }

    @Test
    void theIssuesWindowFunnelCases() {
        assertEquals(3, level(10, new long[][] {{0, A}, {5, B}, {10, C}}), "A0 B5 C10: the window is inclusive");
        assertEquals(2, level(10, new long[][] {{0, A}, {5, B}, {11, C}}), "A0 B5 C11");
        assertEquals(3, level(10, new long[][] {{0, A}, {5, A}, {6, B}, {14, C}}), "A0 A5 B6 C14: a later A restarts");
        assertEquals(3, level(10, new long[][] {{0, A | B}, {1, C}}), "one row matching A and B at 0, then C1");
        assertEquals(3, level(10, new long[][] {{5, B}, {5, A}, {6, C}}), "B5 A5 C6: equal times in step order");
        assertEquals(3, level(10, new long[][] {{0, A}, {1, C}, {2, B}, {3, C}}), "A0 C1 B2 C3 (sequential)");
        assertEquals(3, level(10, new long[][] {{0, A}, {1, D}, {2, B}, {3, C}}), "A0 D1 B2 C3 (sequential)");
        assertEquals(0, level(10, new long[][] {{0, B}, {1, C}}), "no step 1");
        assertEquals(1, level(0, new long[][] {{0, A}, {1, B}}), "window 0");
        assertEquals(2, level(0, new long[][] {{0, A}, {0, B}}), "window 0, same time");
    }

    @Test
    void differentMembersCompleteDifferentSteps() {
        // Unit 0 is an org: user a sends the invoice (A), user b pays it (B): the org converts.
        SequentialFunnel funnel = new SequentialFunnel(2, 100, 4);
        funnel.accept(0, 10, A);
        funnel.accept(1, 20, A);
        funnel.accept(0, 50, B);
        assertEquals(2, funnel.level(0));
        assertEquals(1, funnel.level(1));
        assertArrayEquals(new long[] {2, 1}, funnel.unitsPerStep());
    }

    @Test
    void agreesWithAnExhaustiveSearchOverChains() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 3000; round++) {
            int steps = 1 + random.nextInt(4);
            long window = random.nextInt(20);
            int n = random.nextInt(12);
            long[][] events = new long[n][2];
            for (int i = 0; i < n; i++) {
                events[i][0] = random.nextInt(40);
                events[i][1] = random.nextInt(1 << steps) & (random.nextBoolean() ? -1 : (1 << random.nextInt(steps)));
            }
            SequentialFunnel funnel = new SequentialFunnel(steps, window, 1);
            feed(funnel, events, new int[n]);
            assertEquals(search(events, steps, window), funnel.level(0),
                    "seed " + seed + " round " + round + ": " + describe(events) + " window " + window);
        }
    }

    /** The highest k with events e1..ek matching steps 1..k, t(e1) <= ... <= t(ek), t(ek) - t(e1) <= window. */
    private static int search(long[][] events, int steps, long window) {
        int best = 0;
        for (int first = 0; first < events.length; first++) {
            if ((events[first][1] & 1) == 0) {
                continue;
            }
            best = Math.max(best, extend(events, steps, window, events[first][0], events[first][0], 1));
        }
        return best;
    }

    /** A row may fill several steps (the same event can be e_i and e_i+1), as ClickHouse counts it. */
    private static int extend(long[][] events, int steps, long window, long start, long last, int reached) {
        if (reached == steps) {
            return reached;
        }
        int best = reached;
        for (int i = 0; i < events.length; i++) {
            long t = events[i][0];
            if ((events[i][1] & (1L << reached)) != 0 && t >= last && t - start <= window) {
                best = Math.max(best, extend(events, steps, window, start, t, reached + 1));
            }
        }
        return best;
    }

    private static String describe(long[][] events) {
        List<String> out = new ArrayList<>();
        for (long[] e : events) {
            out.add(e[1] + "@" + e[0]);
        }
        return out.toString();
    }
}
