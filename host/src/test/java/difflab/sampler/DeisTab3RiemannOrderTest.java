package difflab.sampler;

import difflab.sampler.ode.Deis;

class DeisTab3RiemannOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new Deis(Deis.Basis.T_AB, 3, Deis.Quadrature.RIEMANN_OFFICIAL);
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {128, 256, 512, 1024};
    }

    /** Finding: the official 10,000-point left Riemann sum adds a first-order coefficient error that dominates here. */
    @Override
    protected double expectedOrder() {
        return 1.0;
    }

    /** The Riemann coefficients do not sum to the exact first-order weight. */
    @Override
    protected boolean exactForConstantDenoiser() {
        return false;
    }
}
