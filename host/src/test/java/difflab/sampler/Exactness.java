package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;

/** Runs a sampler on a {@link PrescribedDenoiserTarget} and measures the distance to its closed-form flow. */
final class Exactness {
    /**
     * Relative error max|x − x<sub>exact</sub>|/(1 + |x<sub>exact</sub>|) below which a run counts as exact: rounding in
     * double over a handful of steps (the states x̃ = x/α reach about 150 at t<sub>T</sub>, where α ≈ 0.0066).
     */
    static final double ROUNDING_TOLERANCE = 1e-13;
    /** Step counts of the exactness runs (uneven, so that no symmetry hides an error). */
    static final int[] STEPS = {3, 7};
    private static final int PARTICLES = 5;

    private Exactness() {
    }

    /** The largest relative error of an {@code steps}-step run on the contract's schedule and grid. */
    static double maxRelativeError(Sampler sampler, PrescribedDenoiserTarget target, int steps) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule,
                SamplerOrderContract.T_START, SamplerOrderContract.T_END, steps));
        Particles init = InitialNoise.standardNormal(PARTICLES, 1, SamplerOrderContract.SEED);
        Particles out = new JavaBackend(1).sample(new SamplingJob(sampler, ctx, target, init, SamplerOrderContract.SEED))
                .particles();
        double lambdaS = schedule.lambda(SamplerOrderContract.T_START);
        double lambdaT = schedule.lambda(SamplerOrderContract.T_END);
        double worst = 0;
        for (int i = 0; i < PARTICLES; i++) {
            double exact = target.exactFlow(lambdaS, lambdaT, init.get(i, 0));
            worst = Math.max(worst, Math.abs(out.get(i, 0) - exact) / (1.0 + Math.abs(exact)));
        }
        return worst;
    }

    /** The largest relative error over {@link #STEPS}. */
    static double maxRelativeError(Sampler sampler, PrescribedDenoiserTarget target) {
        double worst = 0;
        for (int steps : STEPS) {
            worst = Math.max(worst, maxRelativeError(sampler, target, steps));
        }
        return worst;
    }
}
