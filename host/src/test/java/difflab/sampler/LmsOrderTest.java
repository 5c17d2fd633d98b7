package difflab.sampler;

import difflab.sampler.ode.KDiffusionLms;

class LmsOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new KDiffusionLms(KDiffusionLms.DEFAULT_ORDER);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {128, 256, 512, 1024};
    }
}
