package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpmpp-3s} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolverPlusPlus3STest {
    static Sampler sampler() {
        return new DpmSolverSinglestep(3, false, PredictionBasis.DATA);
    }

    @Test
    void exactForDataPredictionAffineInLambda() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.dataQuadraticInLambda(0.7, -0.3, 0));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "dpmpp-3s with D affine in lambda: " + error);
    }

    /** Its last weight uses only φ<sub>2</sub>, so the D'' term is right only as h → 0. */
    @Test
    void notExactForDataPredictionQuadraticInLambda() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.dataQuadraticInLambda(0.7, -0.3, 0.05));
        assertTrue(error > DpmSolver2Test.CLEARLY_INEXACT, "dpmpp-3s with D quadratic in lambda: " + error);
    }
}
