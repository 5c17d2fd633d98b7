package difflab.fors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 §5: the FORS acceptance identity E[Q | x] = e<sup>w̃(x) − B</sup> checked empirically at fixed x (within
 * {@link #STANDARD_ERRORS} standard errors), for both acceptance rules, with and without clipping; and a χ² test of
 * accepted samples against q·e<sup>w</sup> for a test-only known tilt w.
 */
class FirstOrderRejectionTest {
    /** Allowed |empirical − exact| in standard errors (the seeds are fixed, so this cannot flake). */
    static final double STANDARD_ERRORS = 5.0;
    /** χ² tests reject at this significance level. */
    static final double CHI_SQUARED_LEVEL = 1e-3;
    static final long SEED = 77_2026L;

    /** W = w0 + spread·(2U − 1): unbiased for w0, uniform on [w0 − spread, w0 + spread]. */
    record ConstantPlusUniform(double w0, double spread) implements TiltEstimator {
        @Override
        public double draw(double[] x, AttemptKey key, int draw) {
            return w0 + spread * (2.0 * key.estimatorUniform(draw, 0) - 1.0);
        }

        /** E[clip_B(W)] in closed form: the mean of the clipped uniform. */
        double clippedMean(double bound) {
            double lo = w0 - spread;
            double hi = w0 + spread;
            double a = Math.max(lo, -bound);
            double b = Math.min(hi, bound);
            double inside = b > a ? 0.5 * (b * b - a * a) : 0.0;
            double above = Math.max(0.0, hi - Math.max(lo, bound)) * bound;
            double below = Math.max(0.0, Math.min(hi, -bound) - lo) * -bound;
            return (inside + above + below) / (hi - lo);
        }
    }

    /** Acceptance frequency and mean draws of {@code attempts} attempts at a fixed x. */
    private static double[] acceptanceAtFixedX(TiltEstimator estimator, RejectionParameters p, int attempts) {
        double[] x = {0.3};
        long accepted = 0;
        long draws = 0;
        for (int a = 0; a < attempts; a++) {
            FirstOrderRejection.AttemptOutcome o = FirstOrderRejection.decide(estimator, p,
                    new AttemptKey(SEED, a % 1000, a / 1000, 0), x);
            accepted += o.accepted() ? 1 : 0;
            draws += o.estimatorDraws();
        }
        return new double[] {(double) accepted / attempts, (double) draws / attempts};
    }

    private static void assertAcceptance(ConstantPlusUniform w, double bound, AcceptanceRule rule) {
        int n = 200_000;
        RejectionParameters p = new RejectionParameters(bound, rule);
        double[] measured = acceptanceAtFixedX(w, p, n);
        double tilt = w.clippedMean(bound);
        double exact = Math.exp(tilt - bound);
        double se = Math.sqrt(exact * (1 - exact) / n);
        assertTrue(Math.abs(measured[0] - exact) < STANDARD_ERRORS * se, rule + " B=" + bound + " w~=" + tilt
                + ": acceptance " + measured[0] + " vs e^(w~-B)=" + exact + " (se " + se + ")");
        double expectedDraws = rule == AcceptanceRule.PRODUCT ? 2 * bound
                : 2 * bound * -Math.expm1(tilt - bound) / (bound - tilt);
        // draws per attempt: at most Poisson(2B), variance at most 2B
        double drawsSe = Math.sqrt(2 * bound / n);
        assertTrue(Math.abs(measured[1] - expectedDraws) < STANDARD_ERRORS * drawsSe, rule + ": mean draws "
                + measured[1] + " vs " + expectedDraws);
    }

    @Test
    void acceptanceFrequencyMatchesIdentityWithoutClipping() {
        ConstantPlusUniform w = new ConstantPlusUniform(0.4, 1.0);
        assertAcceptance(w, 1.5, AcceptanceRule.PRODUCT);
        assertAcceptance(w, 1.5, AcceptanceRule.SEQUENTIAL);
    }

    @Test
    void acceptanceFrequencyMatchesIdentityOfTheClippedMean() {
        ConstantPlusUniform w = new ConstantPlusUniform(0.2, 2.0);
        assertTrue(Math.abs(w.clippedMean(1.0) - 0.2) > 0.05, "the test must exercise clipping");
        assertAcceptance(w, 1.0, AcceptanceRule.PRODUCT);
        assertAcceptance(w, 1.0, AcceptanceRule.SEQUENTIAL);
    }

    /** Test-only proposal q = N(0, 1) in 1-D. */
    static final class StandardNormalProposal implements Proposal {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public void sample(AttemptKey key, double[] out) {
            key.proposalNormals(out);
        }
    }

    /** Test-only known tilt w(x) = 0.8·sin(2x), estimated by w(x) + 0.5·(2U − 1) (|W| ≤ 1.3). */
    static final class KnownTilt implements TiltEstimator {
        static double w(double x) {
            return 0.8 * Math.sin(2 * x);
        }

        @Override
        public double draw(double[] x, AttemptKey key, int draw) {
            return w(x[0]) + 0.5 * (2.0 * key.estimatorUniform(draw, 0) - 1.0);
        }
    }

    @Test
    void acceptedSamplesPassChiSquaredAgainstTiltedProposal() {
        for (AcceptanceRule rule : AcceptanceRule.values()) {
            double chi2 = chiSquaredOfAcceptedSamples(new RejectionParameters(1.5, rule));
            double critical = new ChiSquaredDistribution(EDGES.length).inverseCumulativeProbability(1 - CHI_SQUARED_LEVEL);
            assertTrue(chi2 < critical, rule + ": chi^2 = " + chi2 + " >= critical " + critical);
        }
    }

    /** Bin edges; bins are (−∞, e0], (e0, e1], …, (e_last, ∞). */
    static final double[] EDGES = new double[21];

    static {
        for (int k = 0; k < EDGES.length; k++) {
            EDGES[k] = -2.5 + 5.0 * k / (EDGES.length - 1);
        }
    }

    static double chiSquaredOfAcceptedSamples(RejectionParameters p) {
        int n = 20_000;
        long[] counts = new long[EDGES.length + 1];
        double[] x = new double[1];
        StandardNormalProposal q = new StandardNormalProposal();
        KnownTilt w = new KnownTilt();
        for (int i = 0; i < n; i++) {
            FirstOrderRejection.TryOutcome o = FirstOrderRejection.tryAttempts(q, w, p, SEED, i, 0, 0, 100_000, x);
            assertTrue(o.accepted());
            counts[bin(x[0])]++;
        }
        double[] probabilities = tiltedBinProbabilities();
        double chi2 = 0;
        for (int b = 0; b < counts.length; b++) {
            double expected = n * probabilities[b];
            chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
        }
        return chi2;
    }

    static int bin(double x) {
        int b = 0;
        while (b < EDGES.length && x > EDGES[b]) {
            b++;
        }
        return b;
    }

    /** ∫_bin φ(x)e^{w(x)} dx / ∫ φ e^w, by the trapezoid rule on a fine mesh over [−12, 12]. */
    static double[] tiltedBinProbabilities() {
        int mesh = 240_001;
        double lo = -12;
        double hi = 12;
        double h = (hi - lo) / (mesh - 1);
        double[] p = new double[EDGES.length + 1];
        double total = 0;
        for (int k = 0; k < mesh; k++) {
            double x = lo + k * h;
            double f = Math.exp(-0.5 * x * x + KnownTilt.w(x)) * (k == 0 || k == mesh - 1 ? 0.5 : 1.0);
            // split the mass at bin edges by assigning each mesh cell to the bin of its point (edges are mesh points)
            p[bin(x)] += f;
            total += f;
        }
        for (int b = 0; b < p.length; b++) {
            p[b] /= total;
        }
        return p;
    }

    @Test
    void binProbabilitiesOfTheTestAreSound() {
        double[] p = tiltedBinProbabilities();
        double s = 0;
        for (double v : p) {
            s += v;
            assertTrue(v > 1e-3, "every bin needs enough expected counts");
        }
        assertEquals(1.0, s, 1e-12);
        // with w = 0 the same code reproduces normal probabilities: first bin is Φ(−2.5)
        assertEquals(0.5 * (1 + Erf.erf(-2.5 / Math.sqrt(2))), 0.00621, 1e-5);
    }

    @Test
    void splittingAttemptsIntoLaunchesGivesTheSameSample() {
        RejectionParameters p = new RejectionParameters(1.5, AcceptanceRule.PRODUCT);
        StandardNormalProposal q = new StandardNormalProposal();
        KnownTilt w = new KnownTilt();
        for (int particle = 0; particle < 50; particle++) {
            double[] whole = new double[1];
            FirstOrderRejection.TryOutcome one = FirstOrderRejection.tryAttempts(q, w, p, SEED, particle, 3, 0, 10_000,
                    whole);
            double[] split = new double[1];
            int attempt = 0;
            long draws = 0;
            FirstOrderRejection.TryOutcome o;
            do {
                o = FirstOrderRejection.tryAttempts(q, w, p, SEED, particle, 3, attempt, 1, split);
                attempt += o.attempts();
                draws += o.estimatorDraws();
            } while (!o.accepted());
            assertArrayEquals(whole, split);
            assertEquals(one.attempts(), attempt);
            assertEquals(one.estimatorDraws(), draws);
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheAcceptedRange() {
        assertThrows(IllegalArgumentException.class, () -> new RejectionParameters(0, AcceptanceRule.PRODUCT));
        assertThrows(IllegalArgumentException.class, () -> new RejectionParameters(Double.NaN, AcceptanceRule.PRODUCT));
        assertThrows(IllegalArgumentException.class, () -> new RejectionParameters(21, AcceptanceRule.PRODUCT));
        assertThrows(IllegalArgumentException.class, () -> new AttemptKey(1, 0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new AttemptKey(1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AttemptKey(1, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new AttemptKey(1, 0, 0, 0).estimatorUniform(0, 4));
        assertThrows(IllegalArgumentException.class, () -> AcceptanceRule.byId("greedy"));
        assertThrows(IllegalStateException.class, () -> FirstOrderRejection.decide((x, key, draw) -> Double.NaN,
                new RejectionParameters(20, AcceptanceRule.PRODUCT), new AttemptKey(1, 0, 0, 0), new double[1]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FirstOrderRejection.tryAttempts(new StandardNormalProposal(), new KnownTilt(),
                        new RejectionParameters(1, AcceptanceRule.PRODUCT), 1, 0, 0, 0, 0, new double[1]));
        assertTrue(e.getMessage().contains("maxTries=0"));
    }
}
