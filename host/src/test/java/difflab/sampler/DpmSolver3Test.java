package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpm-solver-3} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolver3Test {
    static Sampler sampler() {
        return new DpmSolverSinglestep(3, false, PredictionBasis.NOISE);
    }

    /** The last weight σ<sub>t</sub>·hφ<sub>2</sub>(h)/r2 is exact for the linear term. */
    @Test
    void exactForNoisePredictionAffineInLambda() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInLambda(0.4, 0.2));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "dpm-solver-3 with eps affine in lambda: " + error);
    }
}
