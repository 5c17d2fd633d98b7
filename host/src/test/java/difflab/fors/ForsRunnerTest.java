package difflab.fors;

import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.exact1d.DensityPropagation;
import difflab.exact1d.Grid1d;
import difflab.exact1d.GridDensity;
import difflab.exact1d.ScoreLipschitz1d;
import difflab.sampler.SamplingContext;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FORS diffusion runner (a reconstruction, docs/ALGORITHMS.md §6.3): reproducible and independent of how attempts are split
 * into launches, of batch size and thread count; the NFE it reports is every score call made; and its samples and
 * mean NFE agree with the exact 1-D evaluation of the same sampler (χ² on bins; NFE within standard errors).
 */
class ForsRunnerTest {
    static final long SEED = 4242L;
    static final Target MIXTURE = GaussianMixtureTarget.standard(1, 3, true);
    static final double HORIZON = 2.0;
    static final double END = 0.05;
    static final double CHI_SQUARED_LEVEL = 1e-3;
    static final double STANDARD_ERRORS = 5.0;

    static SamplingContext context(Target target, double tiltScale) {
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(HORIZON);
        TiltScaledGrid grid = new TiltScaledGrid(tiltScale, 1, ScoreLipschitz1d.overTime(target, ou,
                Grid1d.symmetric(8, 321)));
        return new SamplingContext(ou, grid.build(ou, HORIZON, END));
    }

    static ForsResult run(ForsDiffusionSampler sampler, SamplingContext ctx, Target target, int n, int tries,
            int threads) {
        Particles init = InitialNoise.standardNormal(n, target.dimension(), SEED);
        return new ForsRunner(threads).run(new ForsJob(sampler, ctx, target, init, SEED, tries));
    }

    @Test
    void samplesDependOnlyOnSeedAndParticle() {
        SamplingContext ctx = context(MIXTURE, 0.5);
        ForsDiffusionSampler s = ForsDiffusionSampler.withBound(1.0);
        ForsResult a = run(s, ctx, MIXTURE, 64, 1, 1);
        ForsResult b = run(s, ctx, MIXTURE, 64, 8, 2);
        ForsResult c = run(s, ctx, MIXTURE, 20, 3, 2);
        assertArrayEquals(a.particles().toArray(), b.particles().toArray());
        assertArrayEquals(a.evaluations(), b.evaluations());
        assertEquals(a.attempts(), b.attempts());
        assertTrue(a.launches() > b.launches(), "one try per launch needs more launches");
        for (int i = 0; i < 20; i++) {
            assertEquals(a.particles().get(i, 0), c.particles().get(i, 0));
            assertEquals(a.evaluations()[i], c.evaluations()[i]);
        }
    }

    @Test
    void reportedEvaluationsAreEveryScoreCall() {
        for (ReferencePoint reference : ReferencePoint.values()) {
            for (AcceptanceRule rule : AcceptanceRule.values()) {
                CountingTarget counting = new CountingTarget(MIXTURE);
                SamplingContext ctx = context(MIXTURE, 0.5);
                ForsDiffusionSampler s = new ForsDiffusionSampler(new RejectionParameters(1.0, rule), reference);
                ForsResult r = run(s, ctx, counting, 50, 4, 2);
                assertEquals(counting.evaluations(), r.totalEvaluations(), reference + " " + rule);
                assertTrue(r.totalEvaluations() > 50L * ctx.steps() * s.fixedEvaluationsPerStep());
            }
        }
    }

    @Test
    void runsInSeveralDimensions() {
        GaussianTarget target = GaussianTarget.standard(3, true);
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(HORIZON);
        double lipschitz = 1.0 / 0.05;
        SamplingContext ctx = new SamplingContext(ou, new TiltScaledGrid(0.5, 3, t -> lipschitz).build(ou, HORIZON,
                END));
        ForsResult r = run(ForsDiffusionSampler.withBound(1.0), ctx, target, 40, 8, 2);
        assertEquals(3, r.particles().dimension());
        for (double v : r.particles().toArray()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void samplesAndCostAgreeWithTheExactGridEvaluation() {
        SamplingContext ctx = context(MIXTURE, 0.5);
        ForsDiffusionSampler s = new ForsDiffusionSampler(new RejectionParameters(0.7, AcceptanceRule.SEQUENTIAL),
                ReferencePoint.RESCALED_STATE);
        int n = 12_000;
        ForsResult mc = run(s, ctx, MIXTURE, n, 8, 2);
        Grid1d grid = Grid1d.symmetric(10, 801);
        DensityPropagation.Result exact = DensityPropagation.fors(s, ctx, MIXTURE, GridDensity.standardNormal(grid));
        double nfeSe = mc.evaluationsStandardError();
        assertTrue(Math.abs(mc.meanEvaluations() - exact.expectedEvaluations()) < STANDARD_ERRORS * nfeSe,
                "mean NFE " + mc.meanEvaluations() + " +- " + nfeSe + " vs exact " + exact.expectedEvaluations());
        double chi2 = chiSquared(mc.particles(), exact.density(), n);
        List<Double> edges = edges();
        double critical = new ChiSquaredDistribution(edges.size()).inverseCumulativeProbability(1 - CHI_SQUARED_LEVEL);
        assertTrue(chi2 < critical, "chi^2 " + chi2 + " >= " + critical);
        // the clipping bias is real: the law differs from the exact marginal by far more than the grid's error
        double tv = exact.density().errorAgainst(GridDensity.ofTarget(MIXTURE, ctx.alpha(ctx.steps()),
                ctx.sigma(ctx.steps()), grid)).totalVariation();
        assertTrue(tv > 1e-4, "TV to the exact marginal " + tv);
    }

    /** Bin edges on grid points of the evaluation grid (spacing 0.025): every 0.3 from −3 to 3. */
    static List<Double> edges() {
        List<Double> e = new ArrayList<>();
        for (int k = -10; k <= 10; k++) {
            e.add(0.3 * k);
        }
        return e;
    }

    static int bin(double x, List<Double> edges) {
        int b = 0;
        while (b < edges.size() && x > edges.get(b)) {
            b++;
        }
        return b;
    }

    /** χ² of the particles' bin counts against the bins' trapezoid probabilities under the grid density. */
    static double chiSquared(Particles particles, GridDensity density, int n) {
        List<Double> edges = edges();
        long[] counts = new long[edges.size() + 1];
        for (int i = 0; i < n; i++) {
            counts[bin(particles.get(i, 0), edges)]++;
        }
        double[] p = new double[counts.length];
        Grid1d grid = density.grid();
        double h = grid.spacing();
        for (int i = 0; i + 1 < grid.points(); i++) {
            double mid = grid.point(i) + 0.5 * h;
            p[bin(mid, edges)] += 0.5 * h * (density.value(i) + density.value(i + 1));
        }
        double chi2 = 0;
        for (int b = 0; b < counts.length; b++) {
            double expected = n * p[b];
            chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
        }
        return chi2;
    }
}
