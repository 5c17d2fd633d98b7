package difflab.sampler.sde;

import difflab.grid.GridType;
import difflab.sampler.Combination;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.sampler.Term;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every step's coefficients of {@link SaSolver} against a direct transcription of the official data-prediction
 * formulas (diffusers {@code SASolverScheduler}: {@code get_coefficients_exponential_positive} in absolute λ,
 * {@code lagrange_polynomial_coefficient}, the order-2 modification of {@code stochastic_adams_bashforth_update} and
 * {@code stochastic_adams_moulton_update}, and the order schedule of {@code step} with {@code lower_order_final}),
 * on a uniform-time grid (unequal λ steps) of the linear VP schedule. The predictor is the step's stage point, the
 * corrector its output; both must also carry the same noise vector.
 */
class SaSolverTranscriptionTest {
    static final double TOLERANCE = 1e-9;
    static final int STEPS = 12;

    private final NoiseSchedule schedule = LinearVpSchedule.standard();
    private final SamplingContext c = new SamplingContext(schedule,
            new GridType.UniformTime().build(schedule, 1.0, 1e-3, STEPS));

    @ParameterizedTest
    @CsvSource({"1,1,0.0", "2,2,0.0", "3,3,0.0", "2,2,1.0", "3,3,1.0", "3,2,0.5", "1,3,0.7", "2,1,1.0"})
    void everyStepMatchesTheOfficialFormulas(int pp, int pc, double tau) {
        SaSolver s = SaSolver.standard(pp, pc, tau);
        for (int i = 0; i < STEPS; i++) {
            StepProgram program = s.step(c, i);
            int lowerOrderNums = Math.min(i, Math.max(pp, pc - 1));
            int predictorOrder = Math.min(Math.min(pp, STEPS - i), lowerOrderNums + 1);
            Combination predictor = c.isLast(i) ? program.output() : program.stages().get(program.stages().size() - 1).input();
            assertStep(s.id() + " step " + i + " predictor", predictor, officialUpdate(i, predictorOrder, tau, true));
            if (!c.isLast(i)) {
                int correctorOrder = Math.min(Math.min(pc, STEPS - i + 1), lowerOrderNums + 2);
                assertStep(s.id() + " step " + i + " corrector", program.output(),
                        officialUpdate(i, correctorOrder, tau, false));
            }
        }
    }

    /** Expected coefficients by grid point of D, with key −1 for x and −2 for the noise. */
    private Map<Integer, Double> officialUpdate(int i, int order, double tau, boolean predictor) {
        double lambdaS = c.lambda(i);
        double lambdaT = c.lambda(i + 1);
        double h = lambdaT - lambdaS;
        double tau2 = tau * tau;
        int newest = predictor ? i : i + 1;
        double[] lambdas = new double[order];
        for (int k = 0; k < order; k++) {
            lambdas[k] = c.lambda(newest - k);
        }
        double[] g = new double[order];
        double[][] lagrange = lagrange(lambdas);
        for (int k = 0; k < order; k++) {
            for (int j = 0; j < order; j++) {
                g[k] += lagrange[k][j] * exponentialPositive(order - 1 - j, lambdaS, lambdaT, tau);
            }
        }
        if (order == 2) {
            double kappa = 1 + tau2;
            double bracket = predictor
                    ? (h * h / 2 - (h * kappa - 1 + Math.exp(-kappa * h)) / (kappa * kappa)) / (lambdaS - c.lambda(i - 1))
                    : h / 2 - (h * kappa - 1 + Math.exp(-kappa * h)) / (kappa * kappa * h);
            g[0] += Math.exp(kappa * lambdaT) * bracket;
            g[1] -= Math.exp(kappa * lambdaT) * bracket;
        }
        Map<Integer, Double> expected = new HashMap<>();
        double sigmaT = c.sigma(i + 1);
        for (int k = 0; k < order; k++) {
            expected.put(newest - k, (1 + tau2) * sigmaT * Math.exp(-tau2 * lambdaT) * g[k]);
        }
        expected.put(-1, Math.exp(-tau2 * h) * sigmaT / c.sigma(i));
        expected.put(-2, sigmaT * Math.sqrt(1 - Math.exp(-2 * tau2 * h)));
        return expected;
    }

    /** ∫ exp((1+τ²)x)·x^n dx over [s, t], the official closed forms. */
    private static double exponentialPositive(int n, double s, double t, double tau) {
        double k = 1 + tau * tau;
        double e = k * t;
        double b = k * s;
        double decay = Math.exp(-(e - b));
        return switch (n) {
            case 0 -> Math.exp(e) * (1 - decay) / k;
            case 1 -> Math.exp(e) * ((e - 1) - (b - 1) * decay) / (k * k);
            case 2 -> Math.exp(e) * ((e * e - 2 * e + 2) - (b * b - 2 * b + 2) * decay) / (k * k * k);
            case 3 -> Math.exp(e) * ((e * e * e - 3 * e * e + 6 * e - 6) - (b * b * b - 3 * b * b + 6 * b - 6) * decay)
                    / (k * k * k * k);
            default -> throw new IllegalArgumentException("n=" + n);
        };
    }

    /** Row k: the monomial coefficients (highest degree first) of the Lagrange basis polynomial of node k. */
    private static double[][] lagrange(double[] nodes) {
        int m = nodes.length;
        double[][] rows = new double[m][];
        for (int k = 0; k < m; k++) {
            double[] poly = {1.0};
            double denominator = 1.0;
            for (int l = 0; l < m; l++) {
                if (l != k) {
                    double[] next = new double[poly.length + 1];
                    for (int d = 0; d < poly.length; d++) {
                        next[d] += poly[d];
                        next[d + 1] -= nodes[l] * poly[d];
                    }
                    poly = next;
                    denominator *= nodes[k] - nodes[l];
                }
            }
            for (int d = 0; d < poly.length; d++) {
                poly[d] /= denominator;
            }
            rows[k] = poly;
        }
        return rows;
    }

    private static void assertStep(String what, Combination actual, Map<Integer, Double> expected) {
        Map<Integer, Double> found = new HashMap<>();
        found.put(-1, actual.stateCoefficient());
        found.put(-2, 0.0);
        for (int k = 0; k < actual.terms().size(); k++) {
            Term t = actual.terms().get(k);
            int key = t instanceof Term.Model m ? m.ref().point() : t instanceof Term.Noise n && n.stream() == 0 ? -2
                    : Integer.MIN_VALUE;
            assertTrue(key != Integer.MIN_VALUE, what + ": unexpected term " + t);
            found.merge(key, actual.coefficient(k), Double::sum);
        }
        assertEquals(expected.keySet(), found.keySet(), what + ": terms");
        for (Map.Entry<Integer, Double> e : expected.entrySet()) {
            double want = e.getValue();
            assertEquals(want, found.get(e.getKey()), TOLERANCE * Math.max(1.0, Math.abs(want)),
                    what + ": coefficient of " + (e.getKey() == -1 ? "x" : e.getKey() == -2 ? "z" : "D" + e.getKey()));
        }
    }
}
