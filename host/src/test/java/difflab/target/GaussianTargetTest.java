package difflab.target;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GaussianTarget, diagonal and full, in d = 1, 2, 5: oracles vs finite differences and Tweedie, samples, bad input. */
class GaussianTargetTest {
    static final int[] DIMENSIONS = {1, 2, 5};
    static final int SAMPLES = 100_000;

    /** A full covariance that is not the standard one: A Aᵀ + 0.1 I with a fixed non-symmetric A. */
    static double[][] fullCovariance(int d) {
        double[][] c = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += Math.sin(1.0 + r + 2.0 * k) * Math.cos(0.5 + s - k);
                }
                c[r][s] = sum;
            }
        }
        double[][] cov = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                double sum = r == s ? 0.1 : 0.0;
                for (int k = 0; k < d; k++) {
                    sum += c[r][k] * c[s][k];
                }
                cov[r][s] = sum;
            }
        }
        return cov;
    }

    static double[] someMean(int d) {
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = 0.3 * j - 0.4;
        }
        return m;
    }

    static List<GaussianTarget> targets() {
        List<GaussianTarget> list = new ArrayList<>();
        for (int d : DIMENSIONS) {
            list.add(GaussianTarget.standard(d, false));
            list.add(GaussianTarget.standard(d, true));
            list.add(GaussianTarget.full(someMean(d), fullCovariance(d)));
            double[] v = new double[d];
            Arrays.fill(v, 0.7);
            v[0] = 0.02;
            list.add(GaussianTarget.diagonal(someMean(d), v));
        }
        return list;
    }

    @BeforeAll
    static void resetWorst() {
        TargetChecks.worstScoreError = 0;
        TargetChecks.worstTweedieError = 0;
    }

    @AfterAll
    static void report() {
        System.out.printf("gaussian: worst |s - s_FD|/max(1,|s|) = %.3e, worst |D - Tweedie(s_FD)|/(sigma^2/alpha) = %.3e%n",
                TargetChecks.worstScoreError, TargetChecks.worstTweedieError);
    }

    @Test
    void scoreAndDenoiserAgreeWithFiniteDifferencesAndTweedie() {
        for (GaussianTarget target : targets()) {
            TargetChecks.oraclesAgreeWithFiniteDifferences(target);
        }
    }

    @Test
    void fullCovarianceIsReproduced() {
        for (int d : DIMENSIONS) {
            double[][] cov = fullCovariance(d);
            GaussianTarget g = GaussianTarget.full(someMean(d), cov);
            double[][] back = g.covariance();
            for (int r = 0; r < d; r++) {
                assertArrayEquals(cov[r], back[r], 1e-13, "row " + r);
            }
            assertArrayEquals(someMean(d), g.mean(), 0.0);
            assertFalse(g.isDiagonal());
        }
    }

    @Test
    void exactSamplesHaveTheTargetMoments() {
        double worst = 0;
        for (GaussianTarget target : targets()) {
            worst = Math.max(worst, TargetChecks.sampleMomentsMatch(target, SAMPLES, 42L));
        }
        System.out.printf("gaussian: worst sample-moment deviation %.2f standard errors (n=%d)%n", worst, SAMPLES);
    }

    @Test
    void closedFormFlowIsTheIdentityWithoutTimeChangeAndMapsVariances() {
        GaussianTarget g = GaussianTarget.full(someMean(3), fullCovariance(3));
        double[] x = {0.3, -1.2, 2.0};
        assertArrayEquals(x, g.flow(0.6, 0.8, 0.6, 0.8, x), 1e-15);
        // composition: s -> u -> t equals s -> t
        double[] direct = g.flow(0.2, Math.sqrt(1 - 0.04), 0.99, Math.sqrt(1 - 0.9801), x);
        double[] mid = g.flow(0.2, Math.sqrt(1 - 0.04), 0.7, Math.sqrt(1 - 0.49), x);
        assertArrayEquals(direct, g.flow(0.7, Math.sqrt(1 - 0.49), 0.99, Math.sqrt(1 - 0.9801), mid), 1e-13);
    }

    @Test
    void nonPositiveDefiniteCovariancesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.full(new double[2], new double[][] {{1, 2}, {2, 1}}));
        assertTrue(e.getMessage().contains("not positive definite") && e.getMessage().contains("eigenvalue -0.99")
                && e.getMessage().contains("accepted"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.full(new double[2], new double[][] {{1, 1}, {1, 1}}));
        assertTrue(e.getMessage().contains("not positive definite"), "singular: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.full(new double[3], new double[][] {{1, 0, 0}, {0, 0, 0}, {0, 0, 2}}));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
        for (double bad : new double[] {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> GaussianTarget.diagonal(new double[] {0, 0}, new double[] {1.0, bad}));
            assertTrue(e.getMessage().contains("variance[1]=" + bad) && e.getMessage().contains("positive definite"),
                    e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.full(new double[2], new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    }

    @Test
    void asymmetricCovarianceIsRejectedButRoundingLevelAsymmetryIsSymmetrised() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.full(new double[2], new double[][] {{1, 0.5}, {0.4, 1}}));
        assertTrue(e.getMessage().contains("not symmetric") && e.getMessage().contains("[1][0]=0.4")
                && e.getMessage().contains("[0][1]=0.5"), e.getMessage());
        // 3e-13 relative asymmetry: within SYMMETRY_TOLERANCE, above EigenDecomposition's own symmetry test
        double[][] nearly = fullCovariance(5);
        nearly[3][1] *= 1 + 3e-13;
        GaussianTarget g = GaussianTarget.full(someMean(5), nearly);
        double[][] back = g.covariance();
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(fullCovariance(5)[r], back[r], 1e-12);
        }
        for (double v : g.eigenvalues()) {
            assertTrue(v > 0 && Double.isFinite(v));
        }
    }

    @Test
    void dimensionMismatchesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.full(new double[2], fullCovariance(3)));
        assertTrue(e.getMessage().contains("dimension 2") && e.getMessage().contains("3 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.full(new double[2], new double[][] {{1, 0}, {0}}));
        assertTrue(e.getMessage().contains("row 1 has 1 entries, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.diagonal(new double[3], new double[] {1, 1}));
        assertTrue(e.getMessage().contains("dimension 3") && e.getMessage().contains("has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GaussianTarget.diagonal(new double[0], new double[0]));
        assertTrue(e.getMessage().contains("d >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianTarget.diagonal(new double[] {0, Double.NaN}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("mean[1]=NaN"), e.getMessage());
        GaussianTarget g = GaussianTarget.standard(2, true);
        e = assertThrows(IllegalArgumentException.class, () -> g.score(0.5, Math.sqrt(0.75), new double[3]));
        assertTrue(e.getMessage().contains("dimension 3") && e.getMessage().contains("dimension 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.logDensity(0.5, Math.sqrt(0.75), new double[1]));
        assertThrows(IllegalArgumentException.class, () -> g.denoise(0.5, Math.sqrt(0.75), new double[1]));
        e = assertThrows(IllegalArgumentException.class, () -> GaussianTarget.standard(0, false));
        assertTrue(e.getMessage().contains("d=0"), e.getMessage());
    }

    @Test
    void diagonalAndRotatedGaussiansHaveTheirDeviceKernels() {
        DeviceTarget diag = GaussianTarget.standard(3, false).deviceTarget().orElseThrow();
        assertEquals(DeviceTarget.Family.GAUSSIAN_DIAGONAL, diag.family());
        assertEquals(0, diag.basis().length);
        GaussianTarget rotated = GaussianTarget.standard(3, true);
        DeviceTarget full = rotated.deviceTarget().orElseThrow();
        assertEquals(DeviceTarget.Family.GAUSSIAN_FULL, full.family());
        assertArrayEquals(rotated.eigenvalues(), full.variances(), 0.0);
        assertArrayEquals(rotated.mean(), full.means(), 0.0);
        // U diag(λ) Uᵀ from the device basis is the target's covariance
        double[][] cov = rotated.covariance();
        double[] u = full.basis();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += u[r * 3 + k] * full.variances()[k] * u[c * 3 + k];
                }
                assertEquals(cov[r][c], sum, 1e-15, "covariance[" + r + "][" + c + "]");
            }
        }
    }
}
