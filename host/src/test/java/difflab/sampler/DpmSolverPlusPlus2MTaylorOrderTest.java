package difflab.sampler;

import difflab.sampler.ode.DpmSolverPlusPlusMultistep;

class DpmSolverPlusPlus2MTaylorOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new DpmSolverPlusPlusMultistep(2, true, MultistepOptions.noLowerOrderFinal());
    }
}
