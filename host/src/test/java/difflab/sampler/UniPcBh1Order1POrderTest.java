package difflab.sampler;

import difflab.sampler.ode.UniPc;

class UniPcBh1Order1POrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return UniPc.standard(1, UniPc.Variant.BH1, false).forOrderStudy();
    }
}
