package io.troupe.sql.exec.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.sql.exec.funnel.FunnelRows.Row;
import io.troupe.sql.parser.FunnelOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernels against {@link FunnelReference} on random funnels: few units, a short time range so that times
 * tie, rows matching several steps or none, exclusions, repeated codes. Each round is rebuilt from its seed,
 * which the failure message gives.
 */
class FunnelKernelReferenceTest {
    private static final int ROUNDS = 4000;

    @ParameterizedTest
    @EnumSource(FunnelOrder.class)
    void agreesWithTheReference(FunnelOrder order) {
        long base = new Random().nextLong();
        for (int round = 0; round < ROUNDS; round++) {
            check(order, base + round);
        }
    }

    /** One random funnel; call it with a failing seed to replay it. */
    private static void check(FunnelOrder order, long seed) {
        Random random = new Random(seed);
        int steps = 1 + random.nextInt(5);
        long window = random.nextInt(12);
        int exclusions = steps < 2 ? 0 : random.nextInt(3);
        int[] from = new int[exclusions];
        int[] to = new int[exclusions];
        for (int e = 0; e < exclusions; e++) {
            from[e] = 1 + random.nextInt(steps - 1);
            to[e] = from[e] + 1 + random.nextInt(steps - from[e]);
        }
        int units = 1 + random.nextInt(3);
        FunnelRows rows = new FunnelRows();
        int n = random.nextInt(8 * units + 1);
        for (int i = 0; i < n; i++) {
            int unit = random.nextInt(12) == 0 ? -1 : random.nextInt(units);
            int stepMask = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1 << steps);
                default -> 1 << random.nextInt(steps);
            };
            int exclusionMask = exclusions > 0 && random.nextInt(5) == 0 ? 1 + random.nextInt((1 << exclusions) - 1) : 0;
            rows.add(random.nextInt(16), unit, stepMask, exclusionMask, random.nextInt(4));
        }
        FunnelReference reference = new FunnelReference(steps, window, from, to);
        FunnelKernel kernel = rows.feed(FunnelKernel.create(order, steps, window, from, to, 1), false);
        FunnelKernel reversed = rows.feed(FunnelKernel.create(order, steps, window, from, to, units), true);
        for (int u = 0; u < units; u++) {
            List<Row> own = rows.of(u);
            FunnelReference.Result expected = switch (order) {
                case SEQUENTIAL -> reference.sequential(own);
                case STRICT -> reference.strict(own);
                case ANY -> reference.any(own);
            };
            for (FunnelKernel k : new FunnelKernel[] {kernel, reversed}) {
                String where = order + " seed " + seed + " unit " + u + (k == reversed ? " (runs reversed)" : "")
                        + ": steps " + steps + " window " + window + " exclusions " + java.util.Arrays.toString(from)
                        + "->" + java.util.Arrays.toString(to) + " rows " + own + "; expected " + expected;
                assertEquals(expected.level(), k.level(u), where + " level");
                for (int s = 1; s <= steps; s++) {
                    assertEquals(expected.convert()[s - 1], k.convertMillis(u, s), where + " convert to step " + s);
                }
                assertEquals(expected.code(), k.code(u), where + " code");
            }
        }
    }
}
