package difflab.sampler;

import difflab.sampler.ode.LiAcceleratedOdeCode;

/**
 * Order test of {@code li-ode-code} (nominal order 2). MEASURED over N = 32…256 (uniform log-SNR grid, linear VP):
 * order 1.88 on the Gaussian and 1.92 on the GMM (1.97 / 1.98 over N = 128…1024); the nominal order is asserted.
 * The contract's constant-denoiser exactness applies: ε is constant along both the exact flow and the DDIM path of
 * a constant denoiser, so the correction vanishes. The test on the Li et al. schedule itself is
 * {@link LiScheduleOrderTest}.
 */
class LiAcceleratedOdeCodeOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new LiAcceleratedOdeCode();
    }
}
