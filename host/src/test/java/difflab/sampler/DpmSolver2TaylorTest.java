package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpm-solver-2-taylor} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolver2TaylorTest {
    static Sampler sampler() {
        return new DpmSolverSinglestep(2, true, PredictionBasis.NOISE);
    }

    /** The 'taylor' weight σ<sub>t</sub>·hφ<sub>2</sub>(h)/r1 is the exact order-2 weight. */
    @Test
    void exactForNoisePredictionAffineInLambda() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInLambda(0.4, 0.2));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "dpm-solver-2-taylor with eps affine in lambda: " + error);
    }
}
