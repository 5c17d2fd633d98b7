package difflab.sampler.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SciRE φ series and its index rules (docs/ALGORITHMS.md §5.2) on hand-computed values. */
class SciRePhiTest {
    static final double EXACT = 1e-15;

    /** Partial sums of Σ(−1)^k/(k+1)! with 3..7 terms: 2/3, 5/8, 19/30, 91/144, 177/280. */
    static final double[] FIRST_FIVE = {2.0 / 3.0, 5.0 / 8.0, 19.0 / 30.0, 91.0 / 144.0, 177.0 / 280.0};

    @Test
    void seriesPhiHasTheOfficialPartialSums() {
        assertArrayEquals(FIRST_FIVE, SciRePhi.partialSums(5), EXACT);
        double[] long40 = SciRePhi.partialSums(40);
        assertEquals(40, long40.length);
        assertEquals(-Math.expm1(-1.0), long40[39], EXACT, "the series converges to phi_1(-1) = 1 - 1/e");
        for (double phi : long40) {
            assertTrue(phi >= 0.625 && phi <= 2.0 / 3.0 + EXACT, "phi " + phi + " outside [0.625, 2/3]");
        }
    }

    @Test
    void multistepIndexRuleForTenStepsOrderTwo() {
        double[] phi = SciRePhi.partialSums(11);
        int[] index = {10, 1, 3, 5, 10, 8, 6, 4, 2, 0};
        for (int step = 1; step <= 10; step++) {
            assertEquals(phi[index[step - 1]], SciRePhi.multistep(step, 10, 2), 0.0, "step " + step);
        }
    }

    @Test
    void multistepIndexRuleForNineStepsOrderThree() {
        double[] phi = SciRePhi.partialSums(10);
        // warm-up: phi[-1], phi[-2]; step 3 < 9//2 = 4: phi[1]; step 4 == 4: phi[-1]; then phi[2(9-step)].
        int[] index = {9, 8, 1, 9, 8, 6, 4, 2, 0};
        for (int step = 1; step <= 9; step++) {
            assertEquals(phi[index[step - 1]], SciRePhi.multistep(step, 9, 3), 0.0, "step " + step);
        }
    }

    @Test
    void singlestepIndexRuleForFiveSteps() {
        double[] phi = SciRePhi.partialSums(5);
        int[] index = {0, 2, 4, 3, 1};
        for (int step = 0; step < 5; step++) {
            assertEquals(phi[index[step]], SciRePhi.singlestep(step, 5), 0.0, "step " + step);
        }
        assertEquals(phi[0], SciRePhi.partialSums(1)[0], 0.0);
        assertEquals(2.0 / 3.0, SciRePhi.singlestep(0, 1), EXACT, "one step uses the only entry");
    }

    @Test
    void unitRuleIsOneEverywhere() {
        assertEquals(1.0, SciRePhiRule.UNIT.multistep(3, 10, 2), 0.0);
        assertEquals(1.0, SciRePhiRule.UNIT.singlestep(0, 4), 0.0);
        assertEquals(SciRePhi.singlestep(2, 6), SciRePhiRule.OFFICIAL.singlestep(2, 6), 0.0);
    }

    @Test
    void badIndicesAreRejectedWithTheAcceptedRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SciRePhi.multistep(0, 5, 2));
        assertTrue(e.getMessage().contains("1..5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SciRePhi.singlestep(5, 5));
        assertTrue(e.getMessage().contains("0..4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SciRePhi.partialSums(0));
        assertTrue(e.getMessage().contains("n >= 1"), e.getMessage());
    }

    @Test
    void samplerConstructorsRejectUnsupportedOrders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SciReSinglestep(SciReVariant.V1, 4, SciRePhiRule.OFFICIAL));
        assertTrue(e.getMessage().contains("order=4") && e.getMessage().contains("2, 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SciReMultistep(SciReVariant.V2, 1,
                SciRePhiRule.UNIT, SciReMultistep.sciReDefaults()));
        assertTrue(e.getMessage().contains("order=1"), e.getMessage());
    }
}
