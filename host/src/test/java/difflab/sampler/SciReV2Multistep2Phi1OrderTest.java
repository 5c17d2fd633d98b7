package difflab.sampler;

import difflab.sampler.ode.SciReMultistep;
import difflab.sampler.ode.SciRePhiRule;
import difflab.sampler.ode.SciReVariant;

/**
 * Order test of {@code scire-v2-2m-phi1} (φ = 1, nominal order 2). MEASURED over N = 32…256 (uniform log-SNR grid, linear VP):
 * order 1.99 on the Gaussian and 2.02 on the GMM; the nominal order is asserted.
 */
class SciReV2Multistep2Phi1OrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new SciReMultistep(SciReVariant.V2, 2, SciRePhiRule.UNIT, MultistepOptions.noLowerOrderFinal());
    }
}
