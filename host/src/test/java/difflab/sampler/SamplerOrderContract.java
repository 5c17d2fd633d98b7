package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.reference.ProbabilityFlowReference;
import difflab.run.SamplingJob;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import java.util.Arrays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How difflab measures the order of a deterministic sampler (diffrax / Hipparchus style: one measurement, one table
 * row per sampler in {@link OrderTable}, run by {@link SamplerOrderTest}). Pathwise error of the final particles
 * against the exact probability-flow map, over N = 2<sup>k</sup> steps on the uniform log-SNR grid of the linear VP
 * schedule from t<sub>T</sub> = 1 to t<sub>0</sub> = 1e-3, for the two {@link #targets()}:
 * <ul>
 * <li>a rotated anisotropic Gaussian in d = 4 (closed-form flow), and</li>
 * <li>a 2-D isotropic Gaussian mixture with K = 4 (Dormand–Prince 8(5,3) reference at 1e-12).</li>
 * </ul>
 * The least-squares slope of log error on log N over a row's window must be within {@link #DEFAULT_TOLERANCE} of
 * the row's expected order, and the smallest error must stay above {@link #PRECISION_FLOOR}.
 */
public final class SamplerOrderContract {
    /** Default allowed difference between the measured slope and the expected order. */
    public static final double DEFAULT_TOLERANCE = 0.2;
    /** Errors at or below this are at the reference's precision floor and would flatten the slope. */
    public static final double PRECISION_FLOOR = 1e-11;
    static final double T_START = 1.0;
    static final double T_END = 1e-3;
    static final int PARTICLES = 12;
    static final long SEED = 20261125L;

    private SamplerOrderContract() {
    }

    /** The Gaussian target of the order measurement. */
    static Target gaussian() {
        return GaussianTarget.standard(4, true);
    }

    /** The Gaussian-mixture target of the order measurement. */
    static Target mixture() {
        return GaussianMixtureTarget.standard(2, 4, true);
    }

    /** Errors and the fitted order for one target. */
    public record Measured(int[] steps, double[] errors, double order) {
        @Override
        public String toString() {
            return "steps " + Arrays.toString(steps) + " errors " + Arrays.toString(errors)
                    + (steps.length > 1 ? " fitted order " + order : "");
        }
    }

    /** Runs the sweep of a sampler over the given step counts on a target, fits the order and prints it. */
    static Measured measure(Sampler sampler, Target target, int[] steps) {
        Measured m = sweep(sampler, target, steps);
        System.out.println("[order] " + sampler.id() + " on " + target.id() + ": " + m);
        return m;
    }

    /** Measures and asserts: slope within {@link #DEFAULT_TOLERANCE} of {@code expected}, last error above the floor. */
    static void assertOrder(Sampler sampler, Target target, int[] steps, double expected, String what) {
        Measured m = measure(sampler, target, steps);
        String detail = sampler.id() + " on " + what + ": " + m;
        assertTrue(m.errors()[m.errors().length - 1] > PRECISION_FLOOR,
                "smallest error is at the precision floor, shorten the window: " + detail);
        assertEquals(expected, m.order(), DEFAULT_TOLERANCE, detail);
    }

    /**
     * Every exponential integrator in data prediction is exact for a constant denoiser D = c: the output must be
     * (σ<sub>0</sub>/σ<sub>T</sub>)·x + (α<sub>0</sub> − (σ<sub>0</sub>/σ<sub>T</sub>)α<sub>T</sub>)·c to 1e-13 relative.
     */
    static void assertExactForConstantDenoiser(Sampler sampler) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        ConstantDenoiserTarget target = new ConstantDenoiserTarget(new double[] {0.7, -1.3});
        Particles init = InitialNoise.standardNormal(5, 2, SEED);
        for (int steps : new int[] {3, 7}) {
            SamplingContext ctx = new SamplingContext(schedule,
                    new GridType.UniformLogSnr().build(schedule, T_START, T_END, steps));
            Particles out = new JavaBackend(1).sample(new SamplingJob(sampler, ctx, target, init, SEED)).particles();
            double ratio = schedule.sigma(T_END) / schedule.sigma(T_START);
            double shift = schedule.alpha(T_END) - ratio * schedule.alpha(T_START);
            for (int i = 0; i < init.count(); i++) {
                for (int j = 0; j < 2; j++) {
                    double exact = ratio * init.get(i, j) + shift * target.value(j);
                    assertEquals(exact, out.get(i, j), 1e-13 * (1 + Math.abs(exact)),
                            sampler.id() + " with constant D, steps=" + steps);
                }
            }
        }
    }

    private static Measured sweep(Sampler sampler, Target target, int[] steps) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        Particles init = InitialNoise.standardNormal(PARTICLES, target.dimension(), SEED);
        Particles reference = ProbabilityFlowReference.solve(target, init, schedule.lambda(T_START),
                schedule.lambda(T_END));
        double[] errors = new double[steps.length];
        for (int s = 0; s < steps.length; s++) {
            SamplingContext ctx = new SamplingContext(schedule,
                    new GridType.UniformLogSnr().build(schedule, T_START, T_END, steps[s]));
            Particles out = new JavaBackend().sample(new SamplingJob(sampler, ctx, target, init, SEED)).particles();
            errors[s] = PathwiseError.rms(out, reference);
        }
        return new Measured(steps, errors, PathwiseError.fittedOrder(steps, errors));
    }
}
