package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverPlusPlusSinglestep;
import difflab.sampler.ode.ResSinglestep2;
import difflab.target.GaussianMixtureTarget;
import org.junit.jupiter.api.Test;

class Res2SOrderTest extends SamplerOrderContract {
    /**
     * Coefficient agreement of two algebraically equal programs: each coefficient is a sum of at most a few φ-terms,
     * each rounded once, so they may differ by a few units in the last place of the combination's scale.
     */
    static final double FEW_ULPS = 4;

    @Override
    protected Sampler sampler() {
        return ResSinglestep2.standard();
    }

    /** Spec §3.3: RES-2S equals DPM-Solver++(2S) 'taylor' (with r1 = c2 = 1/2). */
    @Test
    void equalsDpmSolverPlusPlus2STaylorToRounding() {
        for (int steps : new int[] {1, 4, 64, 1024}) {
            double ulps = ProgramComparison.maxUlpDistance(sampler(), new DpmSolverPlusPlusSinglestep(2, true), steps);
            assertTrue(ulps <= FEW_ULPS, "res-2s vs dpmpp-2s-taylor, steps=" + steps + ": " + ulps + " ulps");
        }
    }

    @Test
    void exactForDataPredictionAffineInLambda() {
        for (Sampler s : new Sampler[] {sampler(), new ResSinglestep2(1.0), new ResSinglestep2(0.3)}) {
            double error = Exactness.maxRelativeError(s, PrescribedDenoiserTarget.dataQuadraticInLambda(0.7, -0.3, 0));
            assertTrue(error < Exactness.ROUNDING_TOLERANCE, s.id() + " with D affine in lambda: " + error);
        }
    }

    /** Other nodes are second order too (measured on the mixture over the contract's window). */
    @Test
    void otherNodeIsSecondOrder() {
        Measured m = measure(new ResSinglestep2(1.0), GaussianMixtureTarget.standard(2, 4, true), stepCounts());
        assertEquals(2.0, m.order(), tolerance(), "res-2s(c2=1.0): " + m);
    }

    @Test
    void idNamesNonDefaultNode() {
        assertEquals("res-2s", sampler().id());
        assertEquals("res-2s(c2=1.0)", new ResSinglestep2(1.0).id());
    }
}
