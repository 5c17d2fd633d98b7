package difflab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Denoisers against Tweedie's formula {@code D = (x + σ² ∇log p_t(x)) / α} with the score from
 * central finite differences of an independently written log density (ALGORITHMS.md §7.1).
 */
class DenoiserTest {

    static final int D = 3;
    static final int K = 4;
    static final double ALPHA = 0.8;
    static final double SIGMA = 0.6;
    /** Central-difference step; truncation error O(h²·|∂³ log p|) and rounding O(ε/h). */
    static final double FD_STEP = 1e-5;
    /** Finite-difference agreement: both error sources are below 1e-8 for these well-scaled targets. */
    static final double FD_TOL = 1e-7;

    final SplittableRandom rng = new SplittableRandom(42);
    final double[] logW = new double[K];
    final double[] means = new double[K * D];
    final double[] isoVars = new double[K];
    final double[] diagVars = new double[K * D];

    DenoiserTest() {
        for (int c = 0; c < K; c++) {
            logW[c] = Math.log(0.5 + rng.nextDouble());
            isoVars[c] = 0.2 + rng.nextDouble();
            for (int j = 0; j < D; j++) {
                means[c * D + j] = rng.nextDouble(-2, 2);
                diagVars[c * D + j] = 0.1 + rng.nextDouble();
            }
        }
    }

    /** log p_t(x) up to a constant, for x given as a plain d-vector. */
    double logDensity(double[] x, boolean diagonal) {
        double[] l = new double[K];
        double mx = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < K; c++) {
            double s = logW[c];
            for (int j = 0; j < D; j++) {
                double v = diagonal ? diagVars[c * D + j] : isoVars[c];
                double cc = ALPHA * ALPHA * v + SIGMA * SIGMA;
                double r = x[j] - ALPHA * means[c * D + j];
                s += -0.5 * Math.log(cc) - 0.5 * r * r / cc;
            }
            l[c] = s;
            mx = Math.max(mx, s);
        }
        double sum = 0;
        for (double v : l) {
            sum += Math.exp(v - mx);
        }
        return mx + Math.log(sum);
    }

    double[] tweedie(double[] x, boolean diagonal) {
        double[] out = new double[D];
        for (int j = 0; j < D; j++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += FD_STEP;
            xm[j] -= FD_STEP;
            double score = (logDensity(xp, diagonal) - logDensity(xm, diagonal)) / (2 * FD_STEP);
            out[j] = (x[j] + SIGMA * SIGMA * score) / ALPHA;
        }
        return out;
    }

    @Test
    void gmmDenoisersMatchTweedieOfFiniteDifferenceScore() {
        int n = 5;
        double[] x = new double[n * D];
        for (int e = 0; e < x.length; e++) {
            x[e] = rng.nextDouble(-3, 3);
        }
        for (boolean diagonal : new boolean[] {false, true}) {
            double[] out = new double[n * D];
            if (diagonal) {
                GmmDenoiser.denoiseDiagonal(n, D, 0, n, ALPHA, SIGMA, K, logW, means, diagVars, x, out);
            } else {
                GmmDenoiser.denoiseIsotropic(n, D, 0, n, ALPHA, SIGMA, K, logW, means, isoVars, x, out);
            }
            for (int i = 0; i < n; i++) {
                double[] xi = new double[D];
                for (int j = 0; j < D; j++) {
                    xi[j] = x[j * n + i];
                }
                double[] ref = tweedie(xi, diagonal);
                for (int j = 0; j < D; j++) {
                    assertEquals(ref[j], out[j * n + i], FD_TOL, "diagonal=" + diagonal + " i=" + i + " j=" + j);
                }
            }
        }
    }

    @Test
    void isotropicEqualsDiagonalWithRepeatedVariancesAndAliasingWorks() {
        int n = 130; // spans three tiles
        double[] x = new double[n * D];
        for (int e = 0; e < x.length; e++) {
            x[e] = rng.nextDouble(-3, 3);
        }
        double[] rep = new double[K * D];
        for (int c = 0; c < K; c++) {
            for (int j = 0; j < D; j++) {
                rep[c * D + j] = isoVars[c];
            }
        }
        double[] iso = new double[n * D];
        double[] diag = new double[n * D];
        GmmDenoiser.denoiseIsotropic(n, D, 0, n, ALPHA, SIGMA, K, logW, means, isoVars, x, iso);
        GmmDenoiser.denoiseDiagonal(n, D, 0, n, ALPHA, SIGMA, K, logW, means, rep, x, diag);
        assertArrayEquals(iso, diag, 1e-13);
        double[] inPlace = x.clone();
        GmmDenoiser.denoiseIsotropic(n, D, 0, 70, ALPHA, SIGMA, K, logW, means, isoVars, inPlace, inPlace);
        GmmDenoiser.denoiseIsotropic(n, D, 70, n, ALPHA, SIGMA, K, logW, means, isoVars, inPlace, inPlace);
        assertArrayEquals(iso, inPlace);
    }

    @Test
    void gaussianDiagonalMatchesTweedieAndOneComponentMixture() {
        int n = 6;
        double[] mean = {0.5, -1.0, 2.0};
        double[] var = {0.3, 1.0, 2.5};
        double[] x = new double[n * D];
        for (int e = 0; e < x.length; e++) {
            x[e] = rng.nextDouble(-3, 3);
        }
        double[] out = new double[n * D];
        GaussianDiagDenoiser.denoise(n, D, 0, n, ALPHA, SIGMA, mean, var, x, out);
        double[] gmm = new double[n * D];
        GmmDenoiser.denoiseDiagonal(n, D, 0, n, ALPHA, SIGMA, 1, new double[] {0.0}, mean, var, x, gmm);
        assertArrayEquals(out, gmm, 1e-14);
        for (int j = 0; j < D; j++) {
            double c = ALPHA * ALPHA * var[j] + SIGMA * SIGMA;
            for (int i = 0; i < n; i++) {
                double xv = x[j * n + i];
                double score = -(xv - ALPHA * mean[j]) / c;
                assertEquals((xv + SIGMA * SIGMA * score) / ALPHA, out[j * n + i], 1e-14);
            }
        }
    }

    @Test
    void rejectsBadParameters() {
        double[] x = new double[D];
        assertThrows(IllegalArgumentException.class, () -> GmmDenoiser.denoiseIsotropic(1, D, 0, 1,
                ALPHA, -1.0, K, logW, means, isoVars, x, x));
        assertThrows(IllegalArgumentException.class, () -> GmmDenoiser.denoiseIsotropic(1, D, 0, 1,
                ALPHA, SIGMA, 0, logW, means, isoVars, x, x));
        assertThrows(IllegalArgumentException.class, () -> GaussianDiagDenoiser.denoise(1, D, 0, 1,
                Double.NaN, SIGMA, x, x, x, x));
    }
}
