package difflab.sampler;

import difflab.sampler.ode.UniPc;

class UniPcBh2Order2POrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return UniPc.standard(2, UniPc.Variant.BH2, false).forOrderStudy();
    }
}
