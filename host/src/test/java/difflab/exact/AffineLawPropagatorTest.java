package difflab.exact;

import difflab.analysis.stats.GaussianKl;
import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.sampler.EvalRef;
import difflab.sampler.LinearForm;
import difflab.sampler.MultistepOptions;
import difflab.sampler.Sampler;
import difflab.sampler.SamplerInfo;
import difflab.sampler.SamplingContext;
import difflab.sampler.StepProgram;
import difflab.sampler.ode.DpmSolverPlusPlusMultistep;
import difflab.sampler.registry.SamplerRegistry;
import difflab.sampler.sde.DdimEta;
import difflab.sampler.sde.EulerAncestral;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact law of {@link AffineLawPropagator} against the java backend's particles (Monte Carlo within standard
 * errors) and against the affine map read off deterministic runs (docs/ALGORITHMS.md §7.3's recipe, exact to rounding).
 */
class AffineLawPropagatorTest {
    /** Agreement in units of the Monte Carlo standard error. */
    static final double Z_LIMIT = 4.5;
    static final int PARTICLES = 20_000;
    static final int COARSE_STEPS = 6;
    static final long SEED = 515L;
    static final double T_START = 1.0;
    static final double T_END = 1e-3;

    private static SamplingContext context(int steps) {
        NoiseSchedule schedule = LinearVpSchedule.standard();
        return new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, T_START, T_END, steps));
    }

    private static List<Sampler> stochasticSamplers() {
        List<Sampler> out = new ArrayList<>();
        for (Sampler s : SamplerRegistry.all()) {
            if (s.stochastic()) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void everyStochasticSamplerIsRegisteredAndStochastic() {
        List<String> ids = SamplerRegistry.ids();
        for (String id : List.of("ddpm-ancestral", "ddpm-ancestral-beta", "ddpm-li", "ddim-eta", "euler-ancestral",
                "li-sde", "dpmpp-2m-sde", "dpmpp-2m-sde-heun", "res-churn", "edm-stochastic-heun")) {
            assertTrue(ids.contains(id), id + " missing from " + ids);
            assertTrue(SamplerRegistry.byId(id).stochastic(), id + " must report stochastic()");
        }
    }

    @Test
    void exactMeanVarianceAndKlAgreeWithJavaBackendParticles() {
        GaussianTarget target = GaussianTarget.diagonal(new double[] {0.8, -0.4, 0.2}, new double[] {0.05, 0.5, 2.5});
        SamplingContext ctx = context(COARSE_STEPS);
        for (Sampler s : stochasticSamplers()) {
            ExactGaussianLaw law = AffineLawPropagator.propagate(s, ctx, target, InitialLaw.PRIOR);
            Particles p = run(s, ctx, target);
            assertMomentsAgree(s.id(), law, p, false);
            assertKlEstimateAgrees(s.id(), law, p, ctx, target);
        }
    }

    @Test
    void rotatedTargetMomentsAgreeIncludingCovariances() {
        GaussianTarget target = GaussianTarget.standard(3, true);
        SamplingContext ctx = context(COARSE_STEPS);
        for (String id : List.of("li-sde", "dpmpp-2m-sde", "edm-stochastic-heun")) {
            Sampler s = SamplerRegistry.byId(id);
            ExactGaussianLaw law = AffineLawPropagator.propagate(s, ctx, target, InitialLaw.PRIOR);
            assertMomentsAgree(id, law, run(s, ctx, target), true);
        }
    }

    @Test
    void aConstantScoreBiasIsPropagatedExactly() {
        GaussianTarget target = GaussianTarget.standard(3, true);
        ScoreBias bias = new ScoreBias(new double[] {0.6, -0.3, 0.9});
        SamplingContext ctx = context(COARSE_STEPS);
        BiasedScoreTarget biased = new BiasedScoreTarget(target, bias);
        for (String id : List.of("ddpm-ancestral", "li-sde", "dpmpp-2m-sde", "res-churn")) {
            Sampler s = SamplerRegistry.byId(id);
            ExactGaussianLaw law = AffineLawPropagator.propagate(s, ctx, target, InitialLaw.PRIOR, bias);
            Particles init = InitialNoise.standardNormal(PARTICLES, 3, SEED);
            Particles p = new JavaBackend().sample(new SamplingJob(s, ctx, biased, init, SEED)).particles();
            assertMomentsAgree(id + " with score bias", law, p, true);
            double unbiased = AffineLawPropagator.propagate(s, ctx, target, InitialLaw.PRIOR).klTargetToSampler();
            assertTrue(law.klTargetToSampler() > unbiased, id + ": a score bias should add KL");
        }
    }

    @Test
    void deterministicSamplersMatchTheAffineMapOfTheirRuns() {
        GaussianTarget target = GaussianTarget.standard(3, true);
        SamplingContext ctx = context(7);
        Sampler multistep = new DpmSolverPlusPlusMultistep(3, false, MultistepOptions.noLowerOrderFinal());
        for (Sampler s : List.of(SamplerRegistry.byId("ddim"), multistep, new DdimEta(0.0))) {
            int d = target.dimension();
            double[][] inputs = new double[d + 1][d];
            for (int k = 0; k < d; k++) {
                inputs[k + 1][k] = 1.0;
            }
            Particles out = new JavaBackend(1).sample(new SamplingJob(s, ctx, target, Particles.fromRows(inputs), SEED))
                    .particles();
            double[] offset = out.particle(0);
            double[][] map = new double[d][d];
            for (int k = 0; k < d; k++) {
                double[] col = out.particle(k + 1);
                for (int r = 0; r < d; r++) {
                    map[r][k] = col[r] - offset[r];
                }
            }
            ExactGaussianLaw law = AffineLawPropagator.propagate(s, ctx, target, InitialLaw.PRIOR);
            double[] mean = law.mean();
            double[][] cov = law.covariance();
            for (int r = 0; r < d; r++) {
                assertEquals(offset[r], mean[r], 1e-12, s.id() + " mean[" + r + "]");
                for (int c = 0; c < d; c++) {
                    double expected = 0;
                    for (int k = 0; k < d; k++) {
                        expected += map[r][k] * map[c][k];
                    }
                    assertEquals(expected, cov[r][c], 1e-12, s.id() + " cov[" + r + "][" + c + "]");
                }
            }
        }
    }

    @Test
    void eulerAncestralAndDdimEtaOneAreTheSameChainInVpCoordinates() {
        GaussianTarget target = GaussianTarget.standard(5, false);
        SamplingContext ctx = context(40);
        double a = AffineLawPropagator.propagate(new EulerAncestral(), ctx, target, InitialLaw.PRIOR).klTargetToSampler();
        double b = AffineLawPropagator.propagate(new DdimEta(), ctx, target, InitialLaw.PRIOR).klTargetToSampler();
        assertEquals(a, b, 1e-10 * a);
        double c = AffineLawPropagator.propagate(new DdimEta(0.5), ctx, target, InitialLaw.PRIOR).klTargetToSampler();
        assertTrue(Math.abs(c - a) > 1e-3 * a, "eta=0.5 must differ: " + c + " vs " + a);
    }

    @Test
    void klIsAdditiveOverDirectionsAndTenThousandDimensionsRunInSeconds() {
        int d = 10_000;
        double[] mean = new double[d];
        double[] variances = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = 0.5 * Math.cos(j);
            variances[j] = 0.05 + 2.0 * j / d;
        }
        SamplingContext ctx = context(200);
        Sampler s = SamplerRegistry.byId("dpmpp-2m-sde");
        long start = System.nanoTime();
        ExactGaussianLaw law = AffineLawPropagator.propagate(s, ctx, GaussianTarget.diagonal(mean, variances),
                InitialLaw.PRIOR);
        double seconds = (System.nanoTime() - start) * 1e-9;
        assertEquals(d, law.groups().size());
        assertTrue(seconds < 10.0, "d=10^4 distinct eigenvalues took " + seconds + " s");
        double sum = 0;
        for (int j = 0; j < d; j += 997) {
            GaussianTarget one = GaussianTarget.diagonal(new double[] {mean[j]}, new double[] {variances[j]});
            double single = AffineLawPropagator.propagate(s, ctx, one, InitialLaw.PRIOR).klTargetToSampler();
            sum += single;
            ExactGaussianLaw.GroupLaw g = law.groups().get(j);
            assertEquals(single, g.klTargetToSampler(), 1e-12 * single);
        }
        assertTrue(sum > 0);
        double[] iso = new double[d];
        java.util.Arrays.fill(iso, 0.3);
        ExactGaussianLaw isotropic = AffineLawPropagator.propagate(s, ctx, GaussianTarget.diagonal(new double[d], iso),
                InitialLaw.PRIOR);
        ExactGaussianLaw oneDim = AffineLawPropagator.propagate(s, ctx,
                GaussianTarget.diagonal(new double[1], new double[] {0.3}), InitialLaw.PRIOR);
        assertEquals(1, isotropic.groups().size());
        assertEquals(d * oneDim.klTargetToSampler(), isotropic.klTargetToSampler(),
                1e-12 * isotropic.klTargetToSampler());
    }

    @Test
    void exactMarginalStartRemovesTheInitialisationError() {
        GaussianTarget target = GaussianTarget.standard(2, false);
        SamplingContext ctx = context(1);
        Sampler exactForOneStep = new Sampler() {
            @Override public SamplerInfo info() {
                return SamplerInfo.of("identity-check", "x' = (alpha_0/alpha_T) D-free flow for lambda = 1", "test",
                        1, 1, 0);
            }
            @Override public StepProgram step(SamplingContext c, int i) {
                StepProgram.Builder b = StepProgram.builder(i);
                EvalRef r = b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
                return b.output(LinearForm.model(r).times(0.0).plus(LinearForm.state()));
            }
        };
        GaussianTarget standardNormal = GaussianTarget.diagonal(new double[2], new double[] {1.0, 1.0});
        assertEquals(0.0, AffineLawPropagator.propagate(exactForOneStep, ctx, standardNormal, InitialLaw.EXACT_MARGINAL)
                .klTargetToSampler(), 1e-15);
        assertTrue(AffineLawPropagator.propagate(exactForOneStep, ctx, target, InitialLaw.PRIOR).klTargetToSampler() > 0);
    }

    @Test
    void readingAnEvaluationThatWasNeverMadeIsRejected() {
        Sampler broken = new Sampler() {
            @Override public SamplerInfo info() {
                return SamplerInfo.of("reads-before-start", "reads the previous step on its first step", "test", 1, 1, 1);
            }
            @Override public StepProgram step(SamplingContext c, int i) {
                StepProgram.Builder b = StepProgram.builder(i);
                b.stage(LinearForm.state(), c.t(i), c.alpha(i), c.sigma(i));
                return b.output(LinearForm.model(EvalRef.atGridPoint(c, i - 1)));
            }
        };
        assertThrows(IllegalStateException.class, () -> AffineLawPropagator.propagate(broken, context(3),
                GaussianTarget.standard(2, false), InitialLaw.PRIOR));
    }

    private static Particles run(Sampler s, SamplingContext ctx, GaussianTarget target) {
        Particles init = InitialNoise.standardNormal(PARTICLES, target.dimension(), SEED);
        return new JavaBackend().sample(new SamplingJob(s, ctx, target, init, SEED)).particles();
    }

    /** Sample mean and (co)variances against the exact ones, in standard errors of the Gaussian sampling law. */
    static void assertMomentsAgree(String id, ExactGaussianLaw law, Particles p, boolean covariances) {
        int n = p.count();
        int d = p.dimension();
        double[] mean = law.mean();
        double[][] cov = law.covariance();
        double[] sampleMean = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                sampleMean[j] += p.get(i, j);
            }
            sampleMean[j] /= n;
        }
        for (int r = 0; r < d; r++) {
            double se = Math.sqrt(cov[r][r] / n);
            double z = (sampleMean[r] - mean[r]) / se;
            assertTrue(Math.abs(z) < Z_LIMIT, id + " mean[" + r + "]: sample " + sampleMean[r] + " exact " + mean[r]
                    + " z=" + z);
            for (int c = covariances ? 0 : r; c <= (covariances ? d - 1 : r); c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (p.get(i, r) - sampleMean[r]) * (p.get(i, c) - sampleMean[c]);
                }
                s /= n - 1;
                double seCov = Math.sqrt((cov[r][r] * cov[c][c] + cov[r][c] * cov[r][c]) / (n - 1));
                double zc = (s - cov[r][c]) / seCov;
                assertTrue(Math.abs(zc) < Z_LIMIT, id + " cov[" + r + "][" + c + "]: sample " + s + " exact "
                        + cov[r][c] + " z=" + zc);
            }
        }
    }

    /**
     * The plug-in KL(q ‖ N(m̂, v̂)) over coordinates (diagonal targets), bias-corrected to first order and with a
     * delta-method standard error, against the exact KL.
     */
    static void assertKlEstimateAgrees(String id, ExactGaussianLaw law, Particles p, SamplingContext ctx,
            GaussianTarget target) {
        int n = p.count();
        int d = p.dimension();
        double a0 = ctx.alpha(ctx.steps());
        double s0 = ctx.sigma(ctx.steps());
        double[] mu = target.mean();
        double[] lambda = target.eigenvalues();
        double estimate = 0;
        double bias = 0;
        double variance = 0;
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += p.get(i, j);
            }
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double e = p.get(i, j) - m;
                v += e * e;
            }
            v /= n - 1;
            double mq = a0 * mu[j];
            double vq = a0 * a0 * lambda[j] + s0 * s0;
            double dm = m - mq;
            estimate += GaussianKl.kl(mq, vq, m, v);
            double gradMean = dm / v;
            double gradVar = 0.5 * (-vq / (v * v) + 1.0 / v - dm * dm / (v * v));
            double hessMean = 1.0 / v;
            double hessVar = 0.5 * (2.0 * vq / (v * v * v) - 1.0 / (v * v) + 2.0 * dm * dm / (v * v * v));
            double varMean = v / n;
            double varVar = 2.0 * v * v / (n - 1);
            bias += 0.5 * (hessMean * varMean + hessVar * varVar);
            variance += gradMean * gradMean * varMean + gradVar * gradVar * varVar;
        }
        double corrected = estimate - bias;
        double se = Math.sqrt(variance + bias * bias);
        double exact = law.klTargetToSampler();
        assertTrue(Math.abs(corrected - exact) < Z_LIMIT * se, id + ": KL estimate " + corrected + " (plug-in "
                + estimate + ", SE " + se + ") vs exact " + exact);
    }
}
