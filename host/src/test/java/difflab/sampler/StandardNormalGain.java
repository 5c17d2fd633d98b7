package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianTarget;
import java.util.function.ToDoubleBiFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A known-answer check for samplers that are not exact for a constant denoiser: for standard normal data
 * N(0, I) every noised marginal is N(0, I), the score is s(y) = −y and the exact flow is the identity, so a
 * Li-type sampler multiplies the state by a scalar gain per step that follows in closed form from its published
 * recursion. The run's output must equal the product of those gains times the input.
 */
final class StandardNormalGain {
    /** Relative agreement required between the run and the closed-form product of gains. */
    static final double RELATIVE_TOLERANCE = 1e-12;

    private StandardNormalGain() {
    }

    /**
     * Runs {@code sampler} on N(0, I) in d = 2 over {@code steps} uniform log-SNR steps of the linear VP and checks
     * the output against Π gain(context, i) · x<sub>T</sub>.
     */
    static void check(Sampler sampler, int steps, ToDoubleBiFunction<SamplingContext, Integer> gain) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        GaussianTarget standardNormal = GaussianTarget.diagonal(new double[] {0.0, 0.0}, new double[] {1.0, 1.0});
        SamplingContext ctx = new SamplingContext(schedule,
                new GridType.UniformLogSnr().build(schedule, SamplerOrderContract.T_START, SamplerOrderContract.T_END,
                        steps));
        Particles init = InitialNoise.standardNormal(5, 2, SamplerOrderContract.SEED);
        Particles out = new JavaBackend(1).sample(new SamplingJob(sampler, ctx, standardNormal, init,
                SamplerOrderContract.SEED)).particles();
        double product = 1.0;
        for (int i = 0; i < steps; i++) {
            product *= gain.applyAsDouble(ctx, i);
        }
        for (int p = 0; p < init.count(); p++) {
            for (int j = 0; j < 2; j++) {
                double expected = product * init.get(p, j);
                assertEquals(expected, out.get(p, j), RELATIVE_TOLERANCE * Math.abs(expected),
                        sampler.id() + " on N(0, I), particle " + p + ", steps " + steps);
            }
        }
    }

    /** The per-step α<sub>t</sub> = (α(t<sub>i</sub>)/α(t<sub>i+1</sub>))² of step i, computed independently of the sampler. */
    static double stepAlpha(SamplingContext c, int i) {
        double ratio = c.alpha(i) / c.alpha(i + 1);
        return ratio * ratio;
    }
}
