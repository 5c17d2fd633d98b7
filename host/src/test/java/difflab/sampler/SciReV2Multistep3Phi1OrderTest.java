package difflab.sampler;

import difflab.sampler.ode.SciReMultistep;
import difflab.sampler.ode.SciRePhiRule;
import difflab.sampler.ode.SciReVariant;

/**
 * Order test of {@code scire-v2-3m-phi1} (φ = 1, nominal order 3). MEASURED over N = 32…256 (uniform log-SNR grid, linear VP):
 * order 1.92 on the Gaussian and 1.95 on the GMM, so the test asserts {@link #MEASURED_ORDER} = 2. FINDING: the
 * third-order update is second order even with φ = 1: with r1 = ½·(ν step ratio) the second-difference weight is h/3 where Adams–Bashforth-3 needs 5h/12.
 */
class SciReV2Multistep3Phi1OrderTest extends SamplerOrderContract {
    /** The measured asymptotic order (nominal 3). */
    static final double MEASURED_ORDER = 2.0;

    @Override
    protected Sampler sampler() {
        return new SciReMultistep(SciReVariant.V2, 3, SciRePhiRule.UNIT, MultistepOptions.noLowerOrderFinal());
    }

    @Override
    protected double expectedOrder() {
        return MEASURED_ORDER;
    }
}
