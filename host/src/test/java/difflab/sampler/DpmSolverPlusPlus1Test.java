package difflab.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import difflab.sampler.ode.Ddim;
import difflab.sampler.ode.DpmSolverSinglestep;
import difflab.sampler.ode.PredictionBasis;
import difflab.target.GaussianMixtureTarget;
import difflab.target.Target;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@code dpmpp-1} beyond its order (which {@link OrderTable} asserts): exactness on prescribed
 * denoisers, equivalences and options.
 */
class DpmSolverPlusPlus1Test {
    static Sampler sampler() {
        return new DpmSolverSinglestep(1, false, PredictionBasis.DATA);
    }

    /** DPM-Solver++1 is DDIM (docs/ALGORITHMS.md §4.2): the same program, so bit-identical particles. */
    @Test
    void bitIdenticalToDdim() {
        Target target = GaussianMixtureTarget.standard(2, 4, true);
        for (int steps : new int[] {1, 5, 32}) {
            assertEquals(SamplerComparison.run(new Ddim(), target, steps), SamplerComparison.run(sampler(), target, steps),
                    "dpmpp-1 vs ddim, steps=" + steps);
        }
    }
}
