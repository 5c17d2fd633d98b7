package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpmpp-2s-taylor} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolverPlusPlus2STaylorTest {
    static Sampler sampler() {
        return new DpmSolverSinglestep(2, true, PredictionBasis.DATA);
    }

    @Test
    void exactForDataPredictionAffineInLambda() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.dataQuadraticInLambda(0.7, -0.3, 0));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "dpmpp-2s-taylor with D affine in lambda: " + error);
    }
}
