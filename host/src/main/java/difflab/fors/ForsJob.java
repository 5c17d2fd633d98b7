package difflab.fors;

import difflab.core.Particles;
import difflab.sampler.SamplingContext;
import difflab.target.Target;

/**
 * One FORS sampling run: the sampler, the schedule and grid (horizon t<sub>T</sub> = first time, early stopping
 * t<sub>0</sub> = last), the target whose exact score is the model, the particles at t<sub>T</sub>, the seed, and how many
 * attempts a launch may make per particle before the runner relaunches for the particles still rejected.
 */
public record ForsJob(ForsDiffusionSampler sampler, SamplingContext context, Target target, Particles initial,
        long seed, int triesPerLaunch) {
    public ForsJob {
        if (sampler == null || context == null || target == null || initial == null) {
            throw new IllegalArgumentException("FORS job needs a sampler, context, target and initial particles");
        }
        if (initial.dimension() != target.dimension()) {
            throw new IllegalArgumentException("initial particles have dimension " + initial.dimension()
                    + " but target " + target.id() + " has dimension " + target.dimension());
        }
        if (triesPerLaunch < 1) {
            throw new IllegalArgumentException("triesPerLaunch=" + triesPerLaunch + " is invalid; accepted: >= 1");
        }
    }
}
