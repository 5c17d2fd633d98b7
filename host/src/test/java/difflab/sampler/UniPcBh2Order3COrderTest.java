package difflab.sampler;

import difflab.sampler.ode.UniPc;

class UniPcBh2Order3COrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return UniPc.standard(3, UniPc.Variant.BH2, true).forOrderStudy();
    }

    /** Below N = 256 the order-4 error has not yet taken over on the mixture (measured; see the README). */
    @Override
    protected int[] stepCounts() {
        return new int[] {256, 512, 1024, 2048};
    }
}
