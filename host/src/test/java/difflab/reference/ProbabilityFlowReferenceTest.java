package difflab.reference;

import difflab.core.Particles;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dormand–Prince 8(5,3) reference of the probability-flow ODE dx/dλ = −α²x + αD (docs/ALGORITHMS.md §0.3, §7.1) against the
 * closed-form Gaussian flow (docs/ALGORITHMS.md §7.3), from t<sub>T</sub> = 1 to t<sub>0</sub> = 1e-3 on the linear VP schedule.
 */
class ProbabilityFlowReferenceTest {
    /** Agreement required between the adaptive solve (tolerance 1e-12) and the closed form (issue 2: ~1e-10). */
    static final double AGREEMENT = 1e-10;
    static final NoiseSchedule SCHEDULE = LinearVpSchedule.standard();

    static Particles startingPoints(int d, int n) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[j * n + i] = 1.7 * Math.sin(1.3 * i + 2.1 * j + 0.4) + 0.2 * j;
            }
        }
        return Particles.of(n, d, x);
    }

    static double maxAbsDifference(Particles a, Particles b) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        double worst = 0;
        for (int e = 0; e < x.length; e++) {
            worst = Math.max(worst, Math.abs(x[e] - y[e]));
        }
        return worst;
    }

    @Test
    void dormandPrinceAgreesWithTheClosedFormGaussianFlowInD3WithFullCovariance() {
        double[][] cov = {{1.5, 0.4, -0.3}, {0.4, 0.3, 0.05}, {-0.3, 0.05, 0.8}};
        GaussianTarget g = GaussianTarget.full(new double[] {0.5, -1.0, 0.25}, cov);
        double lambdaT = SCHEDULE.lambda(1.0);
        double lambda0 = SCHEDULE.lambda(1e-3);
        Particles start = startingPoints(3, 8);
        Particles exact = ProbabilityFlowReference.solve(g, start, lambdaT, lambda0);
        Particles numeric = ProbabilityFlowReference.solveNumerically(g, start, lambdaT, lambda0);
        double diff = maxAbsDifference(exact, numeric);
        System.out.printf("reference: DP853 vs closed-form Gaussian flow (d=3 full), max |difference| = %.3e%n", diff);
        assertTrue(diff <= AGREEMENT, "max difference " + diff);
        // the closed form itself: the flow changes the points (non-identity covariance)
        assertTrue(maxAbsDifference(start, exact) > 0.1);
    }

    @Test
    void dormandPrinceAgreesOverAShortInteriorInterval() {
        GaussianTarget g = GaussianTarget.standard(3, true);
        double lambdaS = SCHEDULE.lambda(0.6);
        double lambdaT = SCHEDULE.lambda(0.2);
        Particles start = startingPoints(3, 4);
        double diff = maxAbsDifference(ProbabilityFlowReference.solve(g, start, lambdaS, lambdaT),
                ProbabilityFlowReference.solveNumerically(g, start, lambdaS, lambdaT));
        assertTrue(diff <= AGREEMENT, "max difference " + diff);
    }

    /** A one-component diagonal mixture is a diagonal Gaussian: the numerical GMM path must reproduce its flow. */
    @Test
    void singleComponentMixtureFollowsTheGaussianFlow() {
        double[] mean = {0.3, -0.7};
        double[] variances = {0.2, 1.7};
        GaussianMixtureTarget mixture = GaussianMixtureTarget.diagonal(new double[] {1.0}, new double[][] {mean},
                variances);
        GaussianTarget gaussian = GaussianTarget.diagonal(mean, variances);
        double lambdaT = SCHEDULE.lambda(1.0);
        double lambda0 = SCHEDULE.lambda(1e-3);
        Particles start = startingPoints(2, 5);
        double diff = maxAbsDifference(ProbabilityFlowReference.solve(gaussian, start, lambdaT, lambda0),
                ProbabilityFlowReference.solve(mixture, start, lambdaT, lambda0));
        System.out.printf("reference: DP853 on a K=1 mixture vs closed-form Gaussian flow, max |difference| = %.3e%n",
                diff);
        assertTrue(diff <= AGREEMENT, "max difference " + diff);
    }

    @Test
    void alphaAndSigmaOfLambdaAreVariancePreserving() {
        for (double lambda = -20; lambda <= 20; lambda += 0.25) {
            double a = ProbabilityFlowReference.alpha(lambda);
            double s = ProbabilityFlowReference.sigma(lambda);
            assertEquals(1.0, a * a + s * s, 1e-15);
            assertEquals(lambda, Math.log(a) - Math.log(s), 1e-13 * Math.max(1, Math.abs(lambda)));
        }
    }
}
