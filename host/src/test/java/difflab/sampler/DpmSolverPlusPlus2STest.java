package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpmpp-2s} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolverPlusPlus2STest {
    static Sampler sampler() {
        return new DpmSolverSinglestep(2, false, PredictionBasis.DATA);
    }

    /** The 'dpmsolver' weight α<sub>t</sub>hφ<sub>1</sub>/(2r1) meets Σb c = φ<sub>2</sub> only as h → 0 (docs/ALGORITHMS.md §3.6). */
    @Test
    void notExactForDataPredictionAffineInLambda() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.dataQuadraticInLambda(0.7, -0.3, 0));
        assertTrue(error > DpmSolver2Test.CLEARLY_INEXACT, "dpmpp-2s with D affine in lambda: " + error);
    }
}
