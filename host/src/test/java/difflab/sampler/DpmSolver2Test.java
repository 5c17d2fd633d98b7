package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpm-solver-2} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolver2Test {
    /** A relative error this large is a method error, far above rounding. */
    static final double CLEARLY_INEXACT = 1e-3;

    static Sampler sampler() {
        return new DpmSolverSinglestep(2, false, PredictionBasis.NOISE);
    }

    @Test
    void exactForConstantNoisePrediction() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInLambda(0.4, 0.0));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "dpm-solver-2 with constant eps: relative error " + error);
    }

    /** The 'dpmsolver' weight σ<sub>t</sub>(e<sup>h</sup>−1)/(2r1) meets the order-2 condition only as h → 0. */
    @Test
    void notExactForNoisePredictionAffineInLambda() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInLambda(0.4, 0.2));
        assertTrue(error > CLEARLY_INEXACT, "dpm-solver-2 with eps affine in lambda: relative error " + error);
    }
}
