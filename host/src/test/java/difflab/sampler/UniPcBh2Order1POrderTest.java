package difflab.sampler;

import difflab.sampler.ode.UniPc;

class UniPcBh2Order1POrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return UniPc.standard(1, UniPc.Variant.BH2, false).forOrderStudy();
    }
}
