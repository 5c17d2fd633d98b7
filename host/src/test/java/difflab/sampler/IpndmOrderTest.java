package difflab.sampler;

import difflab.sampler.ode.Ipndm;

class IpndmOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new Ipndm();
    }

    @Override
    protected int[] stepCounts() {
        return new int[] {64, 128, 256, 512};
    }

    /** Finding: the constant-step Adams-Bashforth weights on a grid that is not uniform in σ/α give order 2. */
    @Override
    protected double expectedOrder() {
        return 2.0;
    }
}
