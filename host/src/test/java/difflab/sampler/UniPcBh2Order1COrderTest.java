package difflab.sampler;

import difflab.sampler.ode.UniPc;

class UniPcBh2Order1COrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return UniPc.standard(1, UniPc.Variant.BH2, true).forOrderStudy();
    }
}
