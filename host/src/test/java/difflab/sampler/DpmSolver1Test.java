package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpm-solver-1} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolver1Test {
    static Sampler sampler() {
        return new DpmSolverSinglestep(1, false, PredictionBasis.NOISE);
    }

    /** Constant D gives constant ε along exact paths, so the contract's constant-D test applies; so does constant ε. */
    @Test
    void exactForConstantNoisePrediction() {
        double error = Exactness.maxRelativeError(sampler(), PrescribedDenoiserTarget.noiseAffineInLambda(0.4, 0.0));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "dpm-solver-1 with constant eps: relative error " + error);
    }
}
