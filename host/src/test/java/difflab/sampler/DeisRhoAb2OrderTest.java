package difflab.sampler;

import difflab.sampler.ode.Deis;

class DeisRhoAb2OrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new Deis(Deis.Basis.RHO_AB, 2, Deis.Quadrature.EXACT);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {128, 256, 512, 1024};
    }
}
