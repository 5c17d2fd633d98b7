package difflab.sampler;

import difflab.sampler.ode.Ddim;

class DdimOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new Ddim();
    }
}
