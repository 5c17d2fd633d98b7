package difflab.sampler;

import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.grid.TimeGrid;
import difflab.run.SamplingJob;
import difflab.sampler.ode.SciRePhiRule;
import difflab.sampler.ode.SciReVariant;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every registered SciRE sampler against a direct transcription of the official {@code SciRE_Solver.sample} loop
 * (docs/ALGORITHMS.md §5; {@code method='multistep'} and {@code 'singlestep_fixed'}): the rescaled state (x/α_T or x/σ_T at the
 * start, times α_{t0} or σ_{t0} at the end), model calls at α·x̄ or σ·x̂ with stage times from
 * {@code inverse_NSR}, the model lists of the multistep loop with warm-up and lower-order-final at any step count
 * (SciRE's default, as registered), and φ from {@link SciRePhiRule}. The grids are the uniform log-SNR grid and
 * SciRE's NSR grid (non-uniform λ steps, so the 2M ratio r and the 3M r0, r1 are exercised). Target: a 2-D
 * Gaussian mixture. This checks the VP coefficient programs, including the rescaling pitfall of docs/ALGORITHMS.md §5.6,
 * independently of the {@link LinearForm} algebra.
 */
class SciReTranscriptionTest {
    /** Relative agreement; the two sides differ only in rounding. */
    static final double TOLERANCE = 1e-10;

    private final NoiseSchedule schedule = LinearVpSchedule.standard();
    private final Target target = GaussianMixtureTarget.standard(2, 3, true);

    /** One SciRE configuration as the python code sees it. */
    private record Config(SciReVariant variant, int order, boolean multistep, SciRePhiRule rule) {
        String id() {
            return "scire-" + variant.id() + "-" + order + (multistep ? "m" : "s") + rule.idSuffix();
        }
    }

    private double nsr(double t) {
        return schedule.noiseToSignal(t);
    }

    /** The time variable of the algorithm type: NSR for v1, 1/NSR for v2. */
    private double timeVariable(Config c, double t) {
        return c.variant() == SciReVariant.V1 ? nsr(t) : 1.0 / nsr(t);
    }

    private double inverse(Config c, double u) {
        double nu = c.variant() == SciReVariant.V1 ? u : 1.0 / u;
        return schedule.timeOfLambda(-Math.log(nu));
    }

    private double scale(Config c, double t) {
        return c.variant() == SciReVariant.V1 ? schedule.alpha(t) : schedule.sigma(t);
    }

    /** model_fn(scale·x, t): ε for v1, D for v2. */
    private double[] model(Config c, double[] x, double t) {
        double a = schedule.alpha(t);
        double s = schedule.sigma(t);
        double[] point = axpy(scale(c, t), x, 0.0, x);
        return c.variant() == SciReVariant.V1 ? target.noisePrediction(a, s, point) : target.denoise(a, s, point);
    }

    /** a·x + b·y. */
    private static double[] axpy(double a, double[] x, double b, double[] y) {
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = a * x[j] + b * y[j];
        }
        return out;
    }

    private double[] singlestepUpdate(Config c, double[] x, double s, double t, double phi) {
        double h = timeVariable(c, t) - timeVariable(c, s);
        double us = timeVariable(c, s);
        double[] ms = model(c, x, s);
        if (c.order() == 2) {
            double r1 = 0.5;
            double s1 = inverse(c, us + r1 * h);
            double[] m1 = model(c, axpy(1.0, x, r1 * h, ms), s1);
            double[] out = axpy(1.0, x, h, ms);
            return axpy(1.0, out, 0.5 / r1 / phi * h, axpy(1.0, m1, -1.0, ms));
        }
        double r1 = 1.0 / 3.0;
        double r2 = 2.0 / 3.0;
        double s1 = inverse(c, us + r1 * h);
        double s2 = inverse(c, us + r2 * h);
        double[] m1 = model(c, axpy(1.0, x, r1 * h, ms), s1);
        double[] x2 = axpy(1.0, axpy(1.0, x, r2 * h, ms), 0.5 * r2 / r1 / phi * h, axpy(1.0, m1, -1.0, ms));
        double[] m2 = model(c, x2, s2);
        return axpy(1.0, axpy(1.0, x, h, ms), 0.5 / r2 / phi * h, axpy(1.0, m2, -1.0, ms));
    }

    private double[] multistepUpdate(Config c, double[] x, List<double[]> models, List<Double> times, double t,
            int order, double phi) {
        int n = models.size();
        double[] m0 = models.get(n - 1);
        double t0 = times.get(n - 1);
        double h = timeVariable(c, t) - timeVariable(c, t0);
        double[] out = axpy(1.0, x, h, m0);
        if (order == 1) {
            return out;
        }
        double[] m1 = models.get(n - 2);
        double nsr1 = nsr(times.get(n - 2));
        double nsr0 = nsr(t0);
        double nsrT = nsr(t);
        double[] d1 = axpy(1.0, m0, -1.0, m1);
        if (order == 2) {
            double r = Math.pow(Math.log(nsr1 / nsr0) / Math.log(nsr0 / nsrT), 0.25);
            return axpy(1.0, out, 0.5 / phi * h / r, d1);
        }
        double[] m2 = models.get(n - 3);
        double nsr2 = nsr(times.get(n - 3));
        double r0 = phi * (nsr0 - nsr1) / (nsrT - nsr0);
        double r1 = (phi / (1 + phi)) * (nsr1 - nsr2) / (nsr0 - nsr1);
        double[] d2 = axpy(1.0, axpy(1.0, m0, -1.0, m1), 1.0, axpy(1.0, m2, -1.0, m1));
        out = axpy(1.0, out, 0.5 / (r0 * phi) * h, d1);
        return axpy(1.0, out, h / 6 / (r0 * phi) / (r1 * phi), d2);
    }

    /** SciRE_Solver.sample for one particle. */
    private double[] sample(Config c, TimeGrid grid, double[] start) {
        int steps = grid.steps();
        double[] x = axpy(1.0 / scale(c, grid.start()), start, 0.0, start);
        if (c.multistep()) {
            List<double[]> models = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            times.add(grid.time(0));
            models.add(model(c, x, grid.time(0)));
            for (int step = 1; step < c.order(); step++) {
                double t = grid.time(step);
                x = multistepUpdate(c, x, models, times, t, step, c.rule().multistep(step, steps, c.order()));
                times.add(t);
                models.add(model(c, x, t));
            }
            for (int step = c.order(); step <= steps; step++) {
                double t = grid.time(step);
                int stepOrder = Math.min(c.order(), steps + 1 - step);
                x = multistepUpdate(c, x, models, times, t, stepOrder, c.rule().multistep(step, steps, c.order()));
                times.remove(0);
                models.remove(0);
                times.add(t);
                models.add(step < steps ? model(c, x, t) : null);
            }
        } else {
            for (int step = 0; step < steps; step++) {
                x = singlestepUpdate(c, x, grid.time(step), grid.time(step + 1), c.rule().singlestep(step, steps));
            }
        }
        return axpy(scale(c, grid.end()), x, 0.0, x);
    }

    private void assertMatches(GridType gridType, int steps) {
        TimeGrid grid = gridType.build(schedule, 1.0, 1e-3, steps);
        SamplingContext ctx = new SamplingContext(schedule, grid);
        Particles init = InitialNoise.standardNormal(4, 2, SamplerOrderContract.SEED);
        for (SciRePhiRule rule : SciRePhiRule.values()) {
            for (SciReVariant variant : SciReVariant.values()) {
                for (boolean multistep : new boolean[] {false, true}) {
                    for (int order : new int[] {2, 3}) {
                        Config c = new Config(variant, order, multistep, rule);
                        Sampler sampler = SamplerRegistry.byId(c.id());
                        Particles out = new JavaBackend(1).sample(new SamplingJob(sampler, ctx, target, init,
                                SamplerOrderContract.SEED)).particles();
                        for (int p = 0; p < init.count(); p++) {
                            double[] expected = sample(c, grid, init.particle(p));
                            for (int j = 0; j < 2; j++) {
                                assertEquals(expected[j], out.get(p, j), TOLERANCE * (1 + Math.abs(expected[j])),
                                        c.id() + " on " + gridType.id() + " with " + steps + " steps, particle " + p);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void registeredSamplersMatchTheOfficialLoopOnTheLogSnrGrid() {
        assertMatches(new GridType.UniformLogSnr(), 6);
    }

    @Test
    void registeredSamplersMatchTheOfficialLoopOnTheNsrGrid() {
        assertMatches(new GridType.Nsr(GridType.Nsr.DEFAULT_K), 7);
    }
}
