package io.troupe.sql.exec.funnel;

import static io.troupe.sql.parser.FunnelOrder.ANY;
import static io.troupe.sql.parser.FunnelOrder.SEQUENTIAL;
import static io.troupe.sql.parser.FunnelOrder.STRICT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.sql.parser.FunnelOrder;
import org.junit.jupiter.api.Test;

/** The cases of the FUNNEL issue (window 10, steps A, B, C; X an excluded event) in each order. */
class FunnelKernelTest {
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 4;
    private static final int D = 0; // matches no step
    private static final int X = 1; // exclusion 1
    private static final int[] NONE = {};

    private static FunnelKernel kernel(FunnelOrder order, int[] from, int[] to) {
        return FunnelKernel.create(order, 3, 10, from, to, 1);
    }

    private static int level(FunnelOrder order, FunnelRows rows) {
        return level(order, rows, NONE, NONE);
    }

    private static int level(FunnelOrder order, FunnelRows rows, int[] from, int[] to) {
        int level = rows.feed(kernel(order, from, to), false).level(0);
        assertEquals(level, rows.feed(kernel(order, from, to), true).level(0), "row order within a time matters");
        return level;
    }

    @Test
    void windowFunnelCases() {
        FunnelRows cb = new FunnelRows().at(0, A).at(1, C).at(2, B).at(3, C);
        FunnelRows db = new FunnelRows().at(0, A).at(1, D).at(2, B).at(3, C);
        FunnelRows abc = new FunnelRows().at(0, A).at(1, B).at(2, C);
        assertEquals(3, level(SEQUENTIAL, cb), "A0 C1 B2 C3");
        assertEquals(3, level(SEQUENTIAL, db), "A0 D1 B2 C3");
        assertEquals(3, level(SEQUENTIAL, abc), "A0 B1 C2");
        assertEquals(1, level(STRICT, cb), "A0 C1 B2 C3: C before B ends the walk");
        assertEquals(1, level(STRICT, db), "A0 D1 B2 C3: D matches no step and ends the walk");
        assertEquals(3, level(STRICT, abc), "A0 B1 C2");
        assertEquals(3, level(ANY, cb), "A0 C1 B2 C3");
        assertEquals(3, level(ANY, db), "A0 D1 B2 C3");
        assertEquals(3, level(ANY, abc), "A0 B1 C2");
    }

    @Test
    void strictLooksAtRowsOnlyAfterTheFirstStepOne() {
        assertEquals(3, level(STRICT, new FunnelRows().at(0, D).at(0, B).at(1, A).at(2, B).at(3, C)),
                "D0 B0 A1 B2 C3: before step 1, nothing ends the walk");
        assertEquals(1, level(STRICT, new FunnelRows().at(0, A).at(1, B).at(1, D).at(2, C)),
                "A0 B1 D1 C2: the no-step row sorts before B of its time and ends the walk");
        FunnelRows both = new FunnelRows().at(0, A | C).at(1, B).at(2, C);
        assertEquals(1, level(STRICT, both), "A|C0 B1 C2: the row's C entry finds no B and ends the walk");
        assertEquals(3, level(SEQUENTIAL, both), "A|C0 B1 C2");
    }

    @Test
    void orderAndWindow() {
        FunnelRows backwards = new FunnelRows().at(0, C).at(1, B).at(2, A);
        assertEquals(1, level(SEQUENTIAL, backwards), "C0 B1 A2");
        assertEquals(3, level(ANY, backwards), "C0 B1 A2 in any order");
        FunnelRows wide = new FunnelRows().at(0, C).at(5, B).at(11, A);
        assertEquals(2, level(ANY, wide), "C0 B5 A11: A and B within 10, C not");
        assertEquals(2, level(ANY, new FunnelRows().at(0, A).at(5, B).at(11, C)), "A0 B5 C11");
        assertEquals(3, level(ANY, new FunnelRows().at(0, A).at(5, B).at(6, A).at(11, C)), "a later A tightens");
    }

    @Test
    void exclusionCases() {
        int[] from1 = {1};
        int[] to3 = {3};
        FunnelRows broken = new FunnelRows().at(0, A).excluded(1, X).at(2, B).at(3, C);
        FunnelRows restarted = new FunnelRows().at(0, A).excluded(1, X).at(2, A).at(3, B).at(4, C);
        FunnelRows late = new FunnelRows().at(0, A).at(1, B).excluded(2, X).at(3, C);
        for (FunnelOrder order : new FunnelOrder[] {SEQUENTIAL, ANY}) {
            assertEquals(1, level(order, broken, from1, to3), order + " A0 X1 B2 C3, X between 1 and 3");
            assertEquals(3, level(order, restarted, from1, to3), order + " A0 X1 A2 B3 C4, X between 1 and 3");
            assertEquals(3, level(order, late, from1, new int[] {2}), order + " A0 B1 X2 C3, X between 1 and 2");
            assertEquals(2, level(order, late, new int[] {2}, to3), order + " A0 B1 X2 C3, X between 2 and 3");
        }
        // In STRICT a row matching no step ends the walk whether or not it is excluded.
        assertEquals(1, level(STRICT, broken, from1, to3), "STRICT A0 X1 B2 C3");
        assertEquals(1, level(STRICT, restarted, from1, to3), "STRICT A0 X1 A2 B3 C4");
        assertEquals(2, level(STRICT, late, from1, new int[] {2}), "STRICT A0 B1 X2 C3");
        assertEquals(2, level(STRICT, late, new int[] {2}, to3), "STRICT A0 B1 X2 C3");
    }

    @Test
    void anExcludedStepRowIsExcludedBeforeItCounts() {
        int[] from1 = {1};
        int[] to3 = {3};
        // X is also step A: it breaks the chain from A0, then starts its own.
        FunnelRows rows = new FunnelRows().at(0, A).add(1, 0, A, X, 0).at(2, B).at(3, C);
        for (FunnelOrder order : FunnelOrder.values()) {
            assertEquals(3, level(order, rows, from1, to3), order + ": A0 AX1 B2 C3");
        }
        // X at the time of C: "between" includes step j's time, so C3 no longer completes the chain from A0.
        FunnelRows atC = new FunnelRows().at(0, A).at(1, B).add(3, 0, C, X, 0);
        assertEquals(2, level(SEQUENTIAL, atC, from1, to3), "A0 B1 CX3");
        assertEquals(2, level(STRICT, atC, from1, to3), "A0 B1 CX3");
        FunnelRows atA = new FunnelRows().add(0, 0, A, X, 0).at(1, B).at(2, C);
        assertEquals(3, level(SEQUENTIAL, atA, from1, to3), "AX0 B1 C2: the exclusion comes before the A of its row");
    }

    @Test
    void timeToConvertAndFirstTouchCode() {
        FunnelRows rows = new FunnelRows().add(0, 0, A, 0, 7).add(5, 0, A, 0, 9).at(6, B).at(14, C);
        for (FunnelOrder order : new FunnelOrder[] {SEQUENTIAL, STRICT}) {
            FunnelKernel k = rows.feed(kernel(order, NONE, NONE), false);
            assertEquals(3, k.level(0), order.toString());
            assertEquals(0, k.convertMillis(0, 1));
            assertEquals(1, k.convertMillis(0, 2), "B6 extends the chain started at A5");
            assertEquals(9, k.convertMillis(0, 3));
            assertEquals(9, k.code(0), "the chain that reached C started at A5");
        }
        FunnelKernel any = new FunnelRows().at(0, C).add(3, 0, A, 0, 4).at(5, B).feed(kernel(ANY, NONE, NONE), false);
        assertEquals(3, any.level(0));
        assertEquals(2, any.convertMillis(0, 2), "A3 B5");
        assertEquals(5, any.convertMillis(0, 3), "C0 A3 B5");
        assertEquals(4, any.code(0));
        FunnelKernel partial = new FunnelRows().add(0, 0, A, 0, 3).feed(kernel(SEQUENTIAL, NONE, NONE), false);
        assertEquals(-1, partial.convertMillis(0, 2));
        assertEquals(0, partial.code(1), "a unit without a step");
    }

    @Test
    void theCodeDoesNotDependOnTheOrderOfRowsOfOneTime() {
        FunnelRows rows = new FunnelRows().add(0, 0, A, 0, 5).add(0, 0, A, 0, 3).add(0, 0, A, 0, 8).at(1, B);
        for (FunnelOrder order : FunnelOrder.values()) {
            assertEquals(3, rows.feed(kernel(order, NONE, NONE), false).code(0), order.toString());
            assertEquals(3, rows.feed(kernel(order, NONE, NONE), true).code(0), order.toString());
        }
    }

    @Test
    void unitsAreGroupsAndGrowOnDemand() {
        // Unit 0 is an org: user a sends the invoice (A), user b pays it (B); a row without a unit is skipped.
        FunnelRows rows = new FunnelRows().add(10, 0, A, 0, 1).add(20, 1, A, 0, 2).add(30, -1, B, 0, 0)
                .add(50, 0, B, 0, 0).add(60, 1_000_000, A, 0, 3);
        for (FunnelOrder order : FunnelOrder.values()) {
            FunnelKernel k = rows.feed(FunnelKernel.create(order, 2, 100, NONE, NONE, 1), false);
            assertEquals(2, k.level(0));
            assertEquals(1, k.level(1));
            assertEquals(1, k.level(1_000_000));
            assertEquals(3, k.code(1_000_000));
            assertEquals(0, k.level(999_999));
            assertEquals(1_000_001, k.units());
            assertArrayEquals(new long[] {3, 1}, k.unitsPerStep());
            assertTrue(k.bytes() > 1_000_000L * 2 * 8, "state for a million units");
            assertEquals(order == STRICT, k.needsUnmatchedRows());
        }
    }

    @Test
    void rejectsWhatItCannotCount() {
        assertThrows(IllegalArgumentException.class, () -> FunnelKernel.create(ANY, 0, 10, NONE, NONE, 1));
        assertThrows(IllegalArgumentException.class, () -> FunnelKernel.create(ANY, 33, 10, NONE, NONE, 1));
        assertThrows(IllegalArgumentException.class, () -> FunnelKernel.create(ANY, 3, -1, NONE, NONE, 1));
        assertThrows(IllegalArgumentException.class, () -> kernel(SEQUENTIAL, new int[] {2}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> kernel(SEQUENTIAL, new int[] {0}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> kernel(SEQUENTIAL, new int[] {1}, new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> kernel(SEQUENTIAL, new int[] {1}, NONE));
        assertThrows(IllegalArgumentException.class, () -> kernel(STRICT, NONE, NONE).convertMillis(0, 4));
        assertFalse(kernel(ANY, NONE, NONE).needsUnmatchedRows());
        FunnelKernel k = kernel(SEQUENTIAL, NONE, NONE);
        FunnelRows huge = new FunnelRows().add(0, Integer.MAX_VALUE, A, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> huge.feed(k, false), "past what flat arrays can index");
    }
}
