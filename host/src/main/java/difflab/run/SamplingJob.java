package difflab.run;

import difflab.core.Particles;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.target.Target;

/**
 * Everything one sampling run needs: the sampler, the schedule and grid, the target whose denoiser is the model,
 * the initial particles at t<sub>T</sub>, and the seed that keys every noise term (seed, particle, step, stream).
 */
public record SamplingJob(Sampler sampler, SamplingContext context, Target target, Particles initial, long seed) {
    public SamplingJob {
        if (initial.dimension() != target.dimension()) {
            throw new IllegalArgumentException("initial particles have dimension " + initial.dimension()
                    + " but target " + target.id() + " has dimension " + target.dimension());
        }
    }
}
