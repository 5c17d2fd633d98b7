package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.Target;

/** Runs samplers on the order contract's schedule, grid and initial particles, to compare them with each other. */
final class SamplerComparison {
    private SamplerComparison() {
    }

    /** The final particles of an {@code steps}-step run of {@code sampler} on {@code target}. */
    static Particles run(Sampler sampler, Target target, int steps) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule,
                SamplerOrderContract.T_START, SamplerOrderContract.T_END, steps));
        Particles init = InitialNoise.standardNormal(SamplerOrderContract.PARTICLES, target.dimension(),
                SamplerOrderContract.SEED);
        return new JavaBackend(1).sample(new SamplingJob(sampler, ctx, target, init, SamplerOrderContract.SEED))
                .particles();
    }

    /** The largest distance between corresponding coordinates, in units in the last place of the larger one. */
    static double maxUlpDistance(Particles a, Particles b) {
        double worst = 0;
        for (int i = 0; i < a.count(); i++) {
            for (int j = 0; j < a.dimension(); j++) {
                double x = a.get(i, j);
                double y = b.get(i, j);
                worst = Math.max(worst, Math.abs(x - y) / Math.ulp(Math.max(Math.abs(x), Math.abs(y))));
            }
        }
        return worst;
    }
}
