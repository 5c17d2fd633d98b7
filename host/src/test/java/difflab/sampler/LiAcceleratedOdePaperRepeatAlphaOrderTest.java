package difflab.sampler;

import difflab.sampler.ode.LiAcceleratedOdePaper;
import difflab.sampler.ode.LiAcceleratedOdePaper.TerminalStep;

/**
 * Order test of {@code li-ode-paper-repeat-alpha} (the §1.4 A reconstruction with α<sub>T+1</sub> := α<sub>T</sub>; nominal
 * order 2). MEASURED over N = 128…1024 (uniform log-SNR grid, linear VP): order 1.91 on both the Gaussian and the
 * GMM; the nominal order is asserted. Its closed-form gain on N(0, I) is checked in
 * {@link LiAcceleratedOdePaperOrderTest}, which replaces the constant-denoiser exactness that does not hold here.
 */
class LiAcceleratedOdePaperRepeatAlphaOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new LiAcceleratedOdePaper(TerminalStep.REPEAT_ALPHA);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {128, 256, 512, 1024};
    }

    @Override
    protected boolean exactForConstantDenoiser() {
        return false;
    }
}
