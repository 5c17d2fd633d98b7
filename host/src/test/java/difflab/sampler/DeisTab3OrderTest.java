package difflab.sampler;

import difflab.sampler.ode.Deis;

class DeisTab3OrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new Deis(Deis.Basis.T_AB, 3, Deis.Quadrature.EXACT);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {64, 128, 256, 512};
    }

    /**
     * Finding (README): on the mixture the measured slope over N = 64..512 is 3.6, not the nominal 4 (the Gaussian
     * gives 3.9); beyond N = 512 both flatten further, not yet explained.
     */
    @Override
    protected double expectedMixtureOrder() {
        return 3.6;
    }
}
