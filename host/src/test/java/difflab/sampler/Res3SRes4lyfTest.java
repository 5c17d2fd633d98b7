package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import difflab.sampler.ode.ResSinglestep3;
import difflab.sampler.ode.ResSinglestep3.Variant;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code res-3s-res4lyf} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class Res3SRes4lyfTest {
    /** The window of this sampler's order-table row. */
    static final int[] WINDOW = OrderTable.byId("res-3s-res4lyf").window();

    /** The third node at which the c3³ and c3² forms of γ differ. */
    static final double OTHER_C3 = 0.75;

    static Sampler sampler() {
        return ResSinglestep3.standard(Variant.GAMMA_C3_CUBED_RES4LYF);
    }

    /** c3³ = c3² when c3 = 1, so the default programs coincide bit for bit. */
    @Test
    void sameProgramAsRes3SAtDefaultNodes() {
        for (int steps : new int[] {1, 7, 64}) {
            assertEquals(0.0, ProgramComparison.maxUlpDistance(sampler(), ResSinglestep3.standard(Variant.GAMMA_C3_SQUARED),
                    steps), "res-3s-res4lyf vs res-3s, steps=" + steps);
        }
    }

    /** Measured: with c3 = 3/4 the published γ gives order 2 on both targets (errors fall 4× per doubling). */
    @Test
    void secondOrderAtAnotherThirdNode() {
        Sampler published = new ResSinglestep3(0.5, OTHER_C3, Variant.GAMMA_C3_CUBED_RES4LYF);
        for (var target : java.util.List.of(GaussianTarget.standard(4, true), GaussianMixtureTarget.standard(2, 4, true))) {
            SamplerOrderContract.Measured m = SamplerOrderContract.measure(published, target, WINDOW);
            assertEquals(2.0, m.order(), SamplerOrderContract.DEFAULT_TOLERANCE, published.id() + ": " + m);
        }
    }
}
