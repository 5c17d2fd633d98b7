package difflab.sampler;

import difflab.sampler.ode.SciReSinglestep;
import difflab.sampler.ode.SciRePhiRule;
import difflab.sampler.ode.SciReVariant;

/**
 * Order test of {@code scire-v2-2s-phi1} (φ = 1: the explicit midpoint rule in ν (v1) or τ (v2); nominal order 2). MEASURED
 * over N = 32…256 (uniform log-SNR grid, linear VP): order 3.00 on the Gaussian and 1.99 on the GMM. FINDING: on the
 * Gaussian target the pathwise error converges at order 3 (superconvergence of the midpoint rule on the Gaussian
 * flow; for v1 the same holds on the uniform-t and Karras grids), on the GMM at the nominal 2. Both are asserted.
 */
class SciReV2Singlestep2Phi1OrderTest extends SamplerOrderContract {
    /** The order measured on the Gaussian target. */
    static final double MEASURED_GAUSSIAN_ORDER = 3.0;
    /** The order measured on the Gaussian mixture. */
    static final double MEASURED_MIXTURE_ORDER = 2.0;

    @Override
    protected Sampler sampler() {
        return new SciReSinglestep(SciReVariant.V2, 2, SciRePhiRule.UNIT);
    }

    @Override
    protected double expectedOrder() {
        return MEASURED_GAUSSIAN_ORDER;
    }

    @Override
    protected double expectedMixtureOrder() {
        return MEASURED_MIXTURE_ORDER;
    }
}
