package difflab.sampler;

import difflab.sampler.ode.SciReSinglestep;
import difflab.sampler.ode.SciRePhiRule;
import difflab.sampler.ode.SciReVariant;

/**
 * Order test of {@code scire-v1-3s-phi1} (φ = 1, nominal order 3). MEASURED over N = 32…256 (uniform log-SNR grid, linear VP):
 * order 2.02 on the Gaussian and 2.04 on the GMM, so the test asserts {@link #MEASURED_ORDER} = 2. FINDING: the
 * third-order update is second order even with φ = 1: the stage-2 weight r2/(2·r1) = 1 where a third-order tableau would need r2²/(2·r1) = 2/3, so Σb·A·c = 1/4 ≠ 1/6.
 */
class SciReV1Singlestep3Phi1OrderTest extends SamplerOrderContract {
    /** The measured asymptotic order (nominal 3). */
    static final double MEASURED_ORDER = 2.0;

    @Override
    protected Sampler sampler() {
        return new SciReSinglestep(SciReVariant.V1, 3, SciRePhiRule.UNIT);
    }

    @Override
    protected double expectedOrder() {
        return MEASURED_ORDER;
    }
}
