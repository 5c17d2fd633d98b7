package difflab.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlicedWassersteinTest {

    /** {@code n} points of {@code N(shift, I_d)} from a seeded generator. */
    private static double[][] gaussian(int n, double[] shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][shift.length];
        for (double[] point : points) {
            for (int c = 0; c < shift.length; c++) {
                point[c] = shift[c] + random.nextGaussian();
            }
        }
        return points;
    }

    @Test
    void unitShiftInOneDimensionIsOne() {
        Estimate sw = SlicedWasserstein.w2(gaussian(20_000, new double[] {0}, 1), gaussian(20_000, new double[] {1}, 2),
                8, 3);

        assertEquals(1.0, sw.value(), 0.03);
        assertEquals(0.0, sw.standardError(), 1e-12, "in 1-D every direction is ±1");
    }

    @Test
    void shiftInThreeDimensionsGivesNormOverRootD() {
        // SW2² = E[(θ·Δ)²] = |Δ|²/d for a pure shift Δ: here |Δ|² = 3, d = 3
        Estimate sw = SlicedWasserstein.w2(gaussian(4000, new double[] {0, 0, 0}, 4),
                gaussian(4000, new double[] {1, 1, 1}, 5), 400, 6);

        assertEquals(1.0, sw.value(), 4 * sw.standardError() + 0.02);
        // Var((θ·Δ)²) = 9·(1/5 − 1/9) = 0.8, so se ≈ sqrt(0.8/400)/2 = 0.022
        assertTrue(sw.standardError() > 0.015 && sw.standardError() < 0.03, "se = " + sw.standardError());
    }

    @Test
    void explicitDirectionsSeeOnlyTheirComponent() {
        double[][] a = gaussian(5000, new double[] {0, 0}, 7);
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = new double[] {a[i][0] + 2, a[i][1]};
        }

        assertEquals(2.0, SlicedWasserstein.w2(a, b, new double[][] {{3, 0}}).value(), 1e-12);
        assertEquals(0.0, SlicedWasserstein.w2(a, b, new double[][] {{0, -1}}).value(), 0.0);
        assertEquals(Math.sqrt(2.0), SlicedWasserstein.w2(a, b, new double[][] {{1, 0}, {0, 1}}).value(), 1e-12);
    }

    @Test
    void unequalSampleSizesUseTheQuantileCoupling() {
        // F_A⁻¹ = 0 on (0, ½], 1 on (½, 1]; F_B⁻¹ = 0, ½, 1 on thirds: W2² = 2·(1/6)·(½)² = 1/12
        assertEquals(1.0 / 12, SlicedWasserstein.w2Squared1d(new double[] {1, 0}, new double[] {0.5, 1, 0}), 1e-16);
        assertEquals(1.0 / 12, SlicedWasserstein.w2Squared1d(new double[] {0.5, 1, 0}, new double[] {1, 0}), 1e-16);
        assertEquals(2.25, SlicedWasserstein.w2Squared1d(new double[] {3, 1, 2}, new double[] {-0.5, 1.5, 0.5}), 1e-15);
    }

    @Test
    void directionsAreDeterministicUnitAndIsotropic() {
        double[][] directions = ProjectionDirections.uniform(3, 20_000, 11);

        assertArrayEquals(directions[5], ProjectionDirections.uniform(3, 20_000, 11)[5]);
        assertFalse(Arrays.equals(directions[5], ProjectionDirections.uniform(3, 20_000, 12)[5]));
        double[] secondMoment = new double[3];
        for (double[] theta : directions) {
            assertEquals(1.0, ProjectionDirections.dot(theta, theta), 1e-14);
            for (int c = 0; c < 3; c++) {
                secondMoment[c] += theta[c] * theta[c] / directions.length;
            }
        }
        // E[θ_c²] = 1/d; sd of the average over 20 000 is about 0.002
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, secondMoment, 0.01);
    }

    @Test
    void rejectsMismatchedInputs() {
        double[][] a = {{0, 1}, {1, 0}};
        assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.w2(a, new double[][] {{0}}, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.w2(a, a, new double[][] {{0, 0}}));
        var nan = assertThrows(IllegalArgumentException.class,
                () -> SlicedWasserstein.w2(a, new double[][] {{0, Double.NaN}}, 4, 1));
        assertTrue(nan.getMessage().contains("b[0][1] = NaN"), nan.getMessage());
    }
}
