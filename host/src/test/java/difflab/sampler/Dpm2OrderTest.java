package difflab.sampler;

import difflab.sampler.sde.KDiffusionDpm2;

class Dpm2OrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new KDiffusionDpm2(0.0);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {32, 64, 128, 256};
    }
}
