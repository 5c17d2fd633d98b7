package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverPlusPlus3MCorrected;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpmpp-3m-corrected} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolverPlusPlus3MCorrectedTest {
    /** The window of this sampler's order-table row. */
    static final int[] WINDOW = OrderTable.byId("dpmpp-3m-corrected").window();

    /** Steps beyond the contract's default window, where the warm-up's error shows on the Gaussian. */
    static final int LARGE_STEPS = 1024;
    /** How much larger the DDIM-warm-up error is than the 3S-started one at {@link #LARGE_STEPS}, at least. */
    static final double WARM_UP_PENALTY = 3.0;

    /** The corrected 3M as registered: DDIM and 2M warm-up (lower-order-final off). */
    static Sampler corrected() {
        return new DpmSolverPlusPlus3MCorrected(MultistepOptions.noLowerOrderFinal());
    }

    /** The corrected 3M after two DPM-Solver++(3S) steps. */
    static Sampler sampler() {
        return OrderTable.byId("dpmpp-3m-corrected").sampler();
    }

    /** As registered (DPM-Solver warm-up), the mixture measures order 3 over the same window. */
    @Test
    void thirdOrderOnMixtureWithDpmSolverWarmUp() {
        SamplerOrderContract.Measured m = SamplerOrderContract.measure(corrected(), GaussianMixtureTarget.standard(2, 4, true), WINDOW);
        assertEquals(3.0, m.order(), SamplerOrderContract.DEFAULT_TOLERANCE, corrected().id() + ": " + m);
    }

    /** On the Gaussian at large N the order-1 warm-up step, not the 3M steps, limits the accuracy. */
    @Test
    void warmUpStepDominatesTheGaussianAtLargeStepCounts() {
        var target = GaussianTarget.standard(4, true);
        double warmUp = SamplerOrderContract.measure(corrected(), target, new int[] {LARGE_STEPS}).errors()[0];
        double accurate = SamplerOrderContract.measure(sampler(), target, new int[] {LARGE_STEPS}).errors()[0];
        assertTrue(warmUp > WARM_UP_PENALTY * accurate, "warm-up error " + warmUp + " vs started " + accurate);
    }

    /** From exact history, the corrected step integrates a D quadratic in λ exactly. */
    @Test
    void oneStepIsExactForDataPredictionQuadraticInLambda() {
        double error = DpmSolverPlusPlus3MTest.lastStepError(corrected());
        assertEquals(0.0, error, Exactness.ROUNDING_TOLERANCE, "dpmpp-3m-corrected, one step, D quadratic in lambda");
        assertTrue(Math.abs(DpmSolverPlusPlus3MTest.predictedDefect()) > 1e3 * Exactness.ROUNDING_TOLERANCE,
                "the published defect on this grid is far above rounding");
    }
}
