package difflab.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GaussianMixtureTarget, isotropic and diagonal, in d = 1, 2, 5: oracles vs finite differences, Tweedie and an
 * independent transcription of docs/ALGORITHMS.md §7.1; stability far out; exact samples; bad input.
 */
class GaussianMixtureTargetTest {
    static final int[] DIMENSIONS = {1, 2, 5};
    static final int COMPONENTS = 3;
    static final int SAMPLES = 50_000;
    /** Relative agreement with the reference at |x_j| = 1e3 (conditioning of the log-sum-exp, not an error). */
    static final double FAR_TOLERANCE = 1e-9;

    /** Explicit parameters, so the reference below never reads them back from the class under test. */
    record Params(double[] weights, double[][] means, double[][] variances, boolean isotropic) {
        GaussianMixtureTarget build() {
            int k = weights.length;
            int d = means[0].length;
            if (isotropic) {
                double[] v = new double[k];
                for (int c = 0; c < k; c++) {
                    v[c] = variances[c][0];
                }
                return GaussianMixtureTarget.isotropic(weights, means, v);
            }
            double[] v = new double[k * d];
            for (int c = 0; c < k; c++) {
                System.arraycopy(variances[c], 0, v, c * d, d);
            }
            return GaussianMixtureTarget.diagonal(weights, means, v);
        }
    }

    static Params params(int d, boolean isotropic) {
        double[] w = {0.5, 1.5, 1.0};
        double[][] mu = new double[COMPONENTS][d];
        double[][] v = new double[COMPONENTS][d];
        for (int c = 0; c < COMPONENTS; c++) {
            for (int j = 0; j < d; j++) {
                mu[c][j] = 1.5 * Math.cos(2.1 * c + 0.7 * j) + 0.2 * j;
                v[c][j] = isotropic ? 0.1 + 0.15 * c : 0.05 + 0.1 * ((c + 2 * j) % 4);
            }
        }
        return new Params(w, mu, v, isotropic);
    }

    /** docs/ALGORITHMS.md §7.1 written out directly: C_k = α²Σ_k + σ²I, w_k by log-sum-exp, D = Σ w_k [μ_k + αΣ_k C_k⁻¹(x − αμ_k)]. */
    static double[] referenceDenoiser(Params p, double alpha, double sigma, double[] x) {
        int k = p.weights().length;
        int d = x.length;
        double total = 0;
        for (double w : p.weights()) {
            total += w;
        }
        double[] logTerm = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = Math.log(p.weights()[c] / total);
            for (int j = 0; j < d; j++) {
                double cj = alpha * alpha * p.variances()[c][j] + sigma * sigma;
                double r = x[j] - alpha * p.means()[c][j];
                s += -0.5 * Math.log(2 * Math.PI * cj) - 0.5 * r * r / cj;
            }
            logTerm[c] = s;
            max = Math.max(max, s);
        }
        double norm = 0;
        for (int c = 0; c < k; c++) {
            norm += Math.exp(logTerm[c] - max);
        }
        double[] out = new double[d];
        for (int c = 0; c < k; c++) {
            double resp = Math.exp(logTerm[c] - max) / norm;
            for (int j = 0; j < d; j++) {
                double cj = alpha * alpha * p.variances()[c][j] + sigma * sigma;
                out[j] += resp * (p.means()[c][j]
                        + alpha * p.variances()[c][j] / cj * (x[j] - alpha * p.means()[c][j]));
            }
        }
        return out;
    }

    static List<GaussianMixtureTarget> targets() {
        List<GaussianMixtureTarget> list = new ArrayList<>();
        for (int d : DIMENSIONS) {
            list.add(params(d, true).build());
            list.add(params(d, false).build());
            list.add(GaussianMixtureTarget.standard(d, 4, true));
            list.add(GaussianMixtureTarget.standard(d, 4, false));
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
        System.out.printf("gmm: worst |s - s_FD|/max(1,|s|) = %.3e, worst |D - Tweedie(s_FD)|/(sigma^2/alpha) = %.3e%n",
                TargetChecks.worstScoreError, TargetChecks.worstTweedieError);
    }

    @Test
    void scoreAndDenoiserAgreeWithFiniteDifferencesAndTweedie() {
        for (GaussianMixtureTarget target : targets()) {
            TargetChecks.oraclesAgreeWithFiniteDifferences(target);
        }
    }

    @Test
    void denoiserMatchesAnIndependentTranscriptionOfSpec71() {
        double worst = 0;
        for (int d : DIMENSIONS) {
            for (boolean iso : new boolean[] {true, false}) {
                Params p = params(d, iso);
                GaussianMixtureTarget g = p.build();
                for (double t : TargetChecks.TIMES) {
                    double a = TargetChecks.SCHEDULE.alpha(t);
                    double s = TargetChecks.SCHEDULE.sigma(t);
                    for (double[] x : TargetChecks.points(g, a, s, 5L)) {
                        double[] expected = referenceDenoiser(p, a, s, x);
                        double[] actual = g.denoise(a, s, x);
                        for (int j = 0; j < d; j++) {
                            double err = Math.abs(actual[j] - expected[j]) / Math.max(1.0, Math.abs(expected[j]));
                            worst = Math.max(worst, err);
                            assertTrue(err < 1e-13, g.id() + " t=" + t + " j=" + j + ": " + actual[j] + " vs "
                                    + expected[j]);
                        }
                    }
                }
            }
        }
        System.out.printf("gmm: worst relative difference to the spec 7.1 transcription %.3e%n", worst);
    }

    /** Far from every component the logits are ~ −|x|²/(2C) ≈ −1e7: log-sum-exp must keep D, s and log p finite. */
    @Test
    void farPointsStayFiniteAndAgreeWithTheReference() {
        for (int d : DIMENSIONS) {
            for (boolean iso : new boolean[] {true, false}) {
                Params p = params(d, iso);
                GaussianMixtureTarget g = p.build();
                for (double t : new double[] {1e-3, 0.5, 1.0}) {
                    double a = TargetChecks.SCHEDULE.alpha(t);
                    double s = TargetChecks.SCHEDULE.sigma(t);
                    for (double sign : new double[] {1, -1}) {
                        double[] x = new double[d];
                        for (int j = 0; j < d; j++) {
                            x[j] = sign * (j % 2 == 0 ? 1e3 : -1e3);
                        }
                        double[] den = g.denoise(a, s, x);
                        double[] score = g.score(a, s, x);
                        double logP = g.logDensity(a, s, x);
                        assertTrue(Double.isFinite(logP), "log p at " + x[0]);
                        double[] expected = referenceDenoiser(p, a, s, x);
                        for (int j = 0; j < d; j++) {
                            assertTrue(Double.isFinite(den[j]) && Double.isFinite(score[j]), g.id() + " t=" + t);
                            // logits of size ~1e6 carry absolute rounding ~1e-10, so responsibilities agree to ~1e-10
                            assertEquals(expected[j], den[j], FAR_TOLERANCE * Math.max(1.0, Math.abs(expected[j])));
                        }
                    }
                }
            }
        }
    }

    @Test
    void exactSamplesHaveTheTargetMoments() {
        double worst = 0;
        for (GaussianMixtureTarget target : targets()) {
            worst = Math.max(worst, TargetChecks.sampleMomentsMatch(target, SAMPLES, 7L));
        }
        System.out.printf("gmm: worst sample-moment deviation %.2f standard errors (n=%d)%n", worst, SAMPLES);
    }

    @Test
    void componentFrequenciesMatchTheWeights() {
        // well separated 1-D components: each sample's nearest mean identifies its component
        GaussianMixtureTarget g = GaussianMixtureTarget.isotropic(new double[] {1, 2, 7},
                new double[][] {{-10}, {0}, {10}}, new double[] {0.5, 0.5, 0.5});
        int n = SAMPLES;
        int[] counts = new int[3];
        var p = g.sample(n, 3L);
        for (int i = 0; i < n; i++) {
            double x = p.get(i, 0);
            counts[x < -5 ? 0 : x < 5 ? 1 : 2]++;
        }
        double[] w = {0.1, 0.2, 0.7};
        for (int c = 0; c < 3; c++) {
            double se = Math.sqrt(w[c] * (1 - w[c]) / n);
            assertEquals(w[c], (double) counts[c] / n, TargetChecks.STANDARD_ERRORS * se, "component " + c);
        }
    }

    @Test
    void badParametersAreRejectedWithClearMessages() {
        double[][] mu = {{0, 0}, {1, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[] {1, 0}, mu, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("weight[1]=0.0") && e.getMessage().contains("accepted"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[] {1, -2}, mu, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("weight[1]=-2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[] {1, Double.NaN}, mu, new double[] {1, 1}));
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[] {1, 1}, mu, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("variance[1]=0.0") && e.getMessage().contains("positive definite"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.diagonal(new double[] {1, 1}, mu, new double[] {1, 1, -1, 1}));
        assertTrue(e.getMessage().contains("variance[2]=-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.diagonal(new double[] {1, 1}, mu, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("needs 4 diagonal variances, got 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[] {1, 1, 1}, mu, new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("3 weights and 2 means"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[] {1, 1}, new double[][] {{0, 0}, {1}},
                        new double[] {1, 1}));
        assertTrue(e.getMessage().contains("mean 1 has dimension 1, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[] {1, 1}, new double[][] {{0, 0}, {1, Double.NaN}},
                        new double[] {1, 1}));
        assertTrue(e.getMessage().contains("mean[1][1]=NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GaussianMixtureTarget.isotropic(new double[0], new double[0][], new double[0]));
        e = assertThrows(IllegalArgumentException.class, () -> GaussianMixtureTarget.standard(2, 0, true));
        assertTrue(e.getMessage().contains("K=0"), e.getMessage());
        GaussianMixtureTarget g = GaussianMixtureTarget.standard(2, 3, true);
        e = assertThrows(IllegalArgumentException.class, () -> g.logDensity(0.5, Math.sqrt(0.75), new double[5]));
        assertTrue(e.getMessage().contains("dimension 5") && e.getMessage().contains("dimension 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.score(0.5, Math.sqrt(0.75), new double[1]));
    }
}
