package difflab.sampler;

import difflab.sampler.ode.Deis;

class DeisTab2OrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new Deis(Deis.Basis.T_AB, 2, Deis.Quadrature.EXACT);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {64, 128, 256, 512};
    }
}
