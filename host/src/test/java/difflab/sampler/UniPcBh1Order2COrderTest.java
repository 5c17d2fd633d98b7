package difflab.sampler;

import difflab.sampler.ode.UniPc;

class UniPcBh1Order2COrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return UniPc.standard(2, UniPc.Variant.BH1, true).forOrderStudy();
    }
}
