package difflab.sampler;

import difflab.sampler.ode.UniPc;

class UniPcBh2Order3POrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return UniPc.standard(3, UniPc.Variant.BH2, false).forOrderStudy();
    }

    /** Below N = 128 the error constants of the order-3 terms still mix (measured; see the README finding). */
    @Override
    protected int[] stepCounts() {
        return new int[] {128, 256, 512, 1024};
    }
}
