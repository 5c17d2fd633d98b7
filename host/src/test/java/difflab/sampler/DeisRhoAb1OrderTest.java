package difflab.sampler;

import difflab.sampler.ode.Deis;

class DeisRhoAb1OrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new Deis(Deis.Basis.RHO_AB, 1, Deis.Quadrature.EXACT);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {128, 256, 512, 1024};
    }
}
