package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import difflab.sampler.ode.ResSinglestep2;
import difflab.target.GaussianMixtureTarget;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code res-2s} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class Res2STest {
    /** The window of this sampler's order-table row. */
    static final int[] WINDOW = OrderTable.byId("res-2s").window();

    /**
     * Coefficient agreement of two algebraically equal programs: each coefficient is a sum of at most a few φ-terms,
     * each rounded once, so they may differ by a few units in the last place of the combination's scale.
     */
    static final double FEW_ULPS = 4;

    static Sampler sampler() {
        return ResSinglestep2.standard();
    }

    /** Spec §3.3: RES-2S equals DPM-Solver++(2S) 'taylor' (with r1 = c2 = 1/2). */
    @Test
    void equalsDpmSolverPlusPlus2STaylorToRounding() {
        for (int steps : new int[] {1, 4, 64, 1024}) {
            double ulps = ProgramComparison.maxUlpDistance(sampler(), new DpmSolverSinglestep(2, true, PredictionBasis.DATA), steps);
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
        SamplerOrderContract.Measured m = SamplerOrderContract.measure(new ResSinglestep2(1.0), GaussianMixtureTarget.standard(2, 4, true), WINDOW);
        assertEquals(2.0, m.order(), SamplerOrderContract.DEFAULT_TOLERANCE, "res-2s(c2=1.0): " + m);
    }

    @Test
    void idNamesNonDefaultNode() {
        assertEquals("res-2s", sampler().id());
        assertEquals("res-2s(c2=1.0)", new ResSinglestep2(1.0).id());
    }
}
