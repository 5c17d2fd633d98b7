package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverPlusPlusMultistep;
import difflab.sampler.ode.ResMultistep2;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code res-2m} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class Res2MTest {
    static Sampler sampler() {
        return ResMultistep2.standard();
    }

    /** Spec §3.4: RES-2M (the RES formula with c2 = −h_prev/h) equals DPM-Solver++(2M) 'taylor'. */
    @Test
    void equalsDpmSolverPlusPlus2MTaylorToRounding() {
        Sampler taylor2M = new DpmSolverPlusPlusMultistep(2, true, MultistepOptions.noLowerOrderFinal());
        for (int steps : new int[] {1, 2, 4, 64, 1024}) {
            double ulps = ProgramComparison.maxUlpDistance(sampler(), taylor2M, steps);
            assertTrue(ulps <= Res2STest.FEW_ULPS, "res-2m vs dpmpp-2m-taylor, steps=" + steps + ": " + ulps + " ulps");
        }
    }

    /** Started by an exact step, the multistep RES-2M integrates a D affine in λ exactly. */
    @Test
    void exactForDataPredictionAffineInLambdaWithExactStart() {
        Sampler started = new StartedMultistep(difflab.sampler.ode.ResSinglestep2.standard(), sampler(), 1);
        double error = Exactness.maxRelativeError(started, PrescribedDenoiserTarget.dataQuadraticInLambda(0.7, -0.3, 0));
        assertTrue(error < Exactness.ROUNDING_TOLERANCE, "res-2m (started by res-2s) with D affine in lambda: " + error);
    }
}
