package difflab.sampler.sde;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same seed gives the same particles whatever the batch size and the particle chunking (java backend): particle i
 * of a small sequential run equals particle i of a larger run split over several worker chunks, bit for bit, because
 * every noise term is keyed by (seed, particle, step, stream). The cross-backend version belongs to the OpenCL tests.
 */
class BatchInvarianceTest {
    static final long SEED = 4242L;
    static final int SMALL = 300;
    /** Large enough for {@code JavaBackend} to split into several chunks (it keeps at least 256 particles per chunk). */
    static final int LARGE = 1500;
    static final int STEPS = 5;

    @Test
    void particlesDependOnlyOnSeedAndIndex() {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, STEPS));
        GaussianMixtureTarget target = GaussianMixtureTarget.standard(3, 4, false);
        for (Sampler s : SamplerRegistry.all()) {
            if (!s.stochastic()) {
                continue;
            }
            Particles small = new JavaBackend(1).sample(new SamplingJob(s, ctx, target,
                    InitialNoise.standardNormal(SMALL, 3, SEED), SEED)).particles();
            Particles large = new JavaBackend(3).sample(new SamplingJob(s, ctx, target,
                    InitialNoise.standardNormal(LARGE, 3, SEED), SEED)).particles();
            for (int i = 0; i < SMALL; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(small.get(i, j), large.get(i, j), 0.0, s.id() + " particle " + i);
                }
            }
        }
    }
}
