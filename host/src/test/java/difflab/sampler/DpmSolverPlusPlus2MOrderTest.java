package difflab.sampler;

import difflab.sampler.ode.DpmSolverPlusPlusMultistep;

class DpmSolverPlusPlus2MOrderTest extends SamplerOrderContract {
    @Override
    protected Sampler sampler() {
        return new DpmSolverPlusPlusMultistep(2, false, MultistepOptions.noLowerOrderFinal());
    }
}
