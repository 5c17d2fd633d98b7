package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.sampler.ode.ResSinglestep3;
import difflab.sampler.ode.ResSinglestep3.Variant;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code res-3s-stiff} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class Res3SStiffTest {
    /** The window of this sampler's order-table row. */
    static final int[] WINDOW = OrderTable.byId("res-3s-stiff").window();

    static Sampler sampler() {
        return ResSinglestep3.standard(Variant.STIFF_ORDER_3);
    }

    /** Σb<sub>i</sub>c<sub>i</sub>^k/k! = φ<sub>k+1</sub> for k ≤ 2 exactly: exact when D is a quadratic in λ. */
    @Test
    void exactForDataPredictionQuadraticInLambda() {
        for (Sampler s : new Sampler[] {sampler(), new ResSinglestep3(0.5, 0.75, Variant.STIFF_ORDER_3)}) {
            double error = Exactness.maxRelativeError(s, PrescribedDenoiserTarget.dataQuadraticInLambda(0.7, -0.3, 0.05));
            assertTrue(error < Exactness.ROUNDING_TOLERANCE, s.id() + " with D quadratic in lambda: " + error);
        }
    }

    @Test
    void thirdOrderAtAnotherThirdNode() {
        Sampler other = new ResSinglestep3(0.5, 0.75, Variant.STIFF_ORDER_3);
        for (var target : java.util.List.of(GaussianTarget.standard(4, true), GaussianMixtureTarget.standard(2, 4, true))) {
            SamplerOrderContract.Measured m = SamplerOrderContract.measure(other, target, WINDOW);
            assertEquals(3.0, m.order(), SamplerOrderContract.DEFAULT_TOLERANCE, other.id() + ": " + m);
        }
    }
}
