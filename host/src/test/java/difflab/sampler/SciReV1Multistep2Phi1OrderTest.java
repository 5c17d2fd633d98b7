package difflab.sampler;

import difflab.sampler.ode.SciReMultistep;
import difflab.sampler.ode.SciRePhiRule;
import difflab.sampler.ode.SciReVariant;

/**
 * Order test of {@code scire-v1-2m-phi1} (φ = 1, nominal order 2). MEASURED over N = 32…256 (uniform log-SNR grid, linear VP):
 * order 1.99 on the Gaussian and 1.93 on the GMM; the nominal order is asserted.
 */
class SciReV1Multistep2Phi1OrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new SciReMultistep(SciReVariant.V1, 2, SciRePhiRule.UNIT, MultistepOptions.noLowerOrderFinal());
    }
}
