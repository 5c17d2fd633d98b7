package difflab.exact1d;

import difflab.fors.OrnsteinUhlenbeckSchedule;
import difflab.grid.GridType;
import difflab.sampler.MultistepOptions;
import difflab.sampler.SamplingContext;
import difflab.sampler.ode.Ddim;
import difflab.sampler.ode.DpmSolverPlusPlusMultistep;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 7 §5 and docs/ALGORITHMS.md §6.4: the grid propagation reproduces DDPM's Gaussian transitions on a Gaussian target
 * (closed-form mean/variance recursion) and conserves mass; the distances and the deterministic pushforward agree
 * with closed forms.
 */
class DensityPropagationTest {
    static final Grid1d GRID = Grid1d.symmetric(10, 801);
    static final double MASS_TOLERANCE = 1e-12;
    static final double CLOSED_FORM_TOLERANCE = 1e-12;
    /** TV's trapezoid rule is second order at the crossings of p and q (GridDensity): relative (h/ℓ)² ≈ 1e-4 here. */
    static final double TV_RELATIVE_TOLERANCE = 1e-3;
    static final GaussianTarget GAUSSIAN = GaussianTarget.diagonal(new double[] {0.5}, new double[] {0.3});

    static SamplingContext ouContext(double horizon, double end, int steps) {
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(horizon);
        return new SamplingContext(ou, new GridType.UniformTime().build(ou, horizon, end, steps));
    }

    static GridDensity gaussian(double mean, double variance) {
        return GridDensity.sample(GRID, z -> Math.exp(-0.5 * (z - mean) * (z - mean) / variance)
                / Math.sqrt(2 * Math.PI * variance));
    }

    @Test
    void ddpmPropagationMatchesClosedFormGaussianRecursionAndConservesMass() {
        SamplingContext ctx = ouContext(4.0, 1e-3, 20);
        DensityPropagation.Result r = DensityPropagation.stochastic(new AncestralDdpm(), ctx, GAUSSIAN,
                GridDensity.standardNormal(GRID));
        // closed form: s_s(x) = -(x - α_s μ)/v_s, so x_t = A x_s + c + b z with A = (1 - b²/v_s)/a, c = b² α_s μ/(a v_s)
        double m = 0;
        double variance = 1;
        for (int i = 0; i < ctx.steps(); i++) {
            double[] ab = AncestralDdpm.coefficients(ctx, i);
            double vs = ctx.alpha(i) * ctx.alpha(i) * 0.3 + ctx.sigma(i) * ctx.sigma(i);
            double a = (1 - ab[1] / vs) / ab[0];
            double c = ab[1] * ctx.alpha(i) * 0.5 / (ab[0] * vs);
            m = a * m + c;
            variance = a * a * variance + ab[1];
        }
        DensityError e = r.density().errorAgainst(gaussian(m, variance));
        assertTrue(e.totalVariation() < CLOSED_FORM_TOLERANCE, "TV to the closed-form Gaussian: " + e);
        assertTrue(Math.abs(e.klTargetToModel()) < CLOSED_FORM_TOLERANCE, "KL: " + e);
        for (double mass : r.massAfterStep()) {
            assertEquals(1.0, mass, MASS_TOLERANCE);
        }
        assertEquals(20.0, r.expectedEvaluations());
        assertEquals(0.0, r.skippedMass(), 1e-20);
    }

    @Test
    void noiseFreeLastStepIsAppliedAsAMapAndMatchesClosedForm() {
        SamplingContext ctx = ouContext(4.0, 1e-3, 16);
        difflab.sampler.Sampler ddpm = difflab.sampler.registry.SamplerRegistry.byId("ddpm-ancestral-beta");
        DensityPropagation.Result r = DensityPropagation.stochastic(ddpm, ctx, GAUSSIAN, GridDensity.standardNormal(GRID));
        double m = 0;
        double variance = 1;
        for (int i = 0; i < ctx.steps(); i++) {
            double[] ab = AncestralDdpm.coefficients(ctx, i);
            double vs = ctx.alpha(i) * ctx.alpha(i) * 0.3 + ctx.sigma(i) * ctx.sigma(i);
            double a = (1 - ab[1] / vs) / ab[0];
            m = a * m + ab[1] * ctx.alpha(i) * 0.5 / (ab[0] * vs);
            variance = a * a * variance + (i == ctx.steps() - 1 ? 0.0 : ab[1]);
        }
        DensityError e = r.output().errorAgainst(GAUSSIAN, 1.0, 0.0);
        double kl = 0.5 * (0.3 / variance + (m - 0.5) * (m - 0.5) / variance - 1 - Math.log(0.3 / variance));
        assertEquals(kl, e.klTargetToModel(), 1e-10 * kl);
        assertEquals(16.0, r.expectedEvaluations());
        assertEquals(1.0, r.output().coveredMass(GAUSSIAN, 1.0, 0.0), 1e-12);
    }

    @Test
    void ddpmPropagationOnMixtureConservesMass() {
        SamplingContext ctx = ouContext(4.0, 1e-3, 12);
        DensityPropagation.Result r = DensityPropagation.stochastic(new AncestralDdpm(), ctx,
                GaussianMixtureTarget.standard(1, 3, true), GridDensity.standardNormal(GRID));
        for (double mass : r.massAfterStep()) {
            assertEquals(1.0, mass, MASS_TOLERANCE);
        }
    }

    @Test
    void narrowGridLosesMassAndTheMassCheckSeesIt() {
        Grid1d narrow = Grid1d.symmetric(3, 241);
        SamplingContext ctx = ouContext(4.0, 1e-3, 12);
        DensityPropagation.Result r = DensityPropagation.stochastic(new AncestralDdpm(), ctx, GAUSSIAN,
                GridDensity.standardNormal(narrow));
        assertTrue(Math.abs(r.density().mass() - 1) > 1e-4, "mass " + r.density().mass());
    }

    @Test
    void programsThatAreNotGaussianKernelsAreRejected() {
        SamplingContext ctx = ouContext(2.0, 1e-2, 4);
        IllegalArgumentException noNoise = assertThrows(IllegalArgumentException.class,
                () -> StepProgramTransitions.gaussian(new Ddim().step(ctx, 0), GAUSSIAN, GRID));
        assertTrue(noNoise.getMessage().contains("DeterministicPushforward"));
        DpmSolverPlusPlusMultistep dpm = new DpmSolverPlusPlusMultistep(2, false, MultistepOptions.dpmSolverDefaults());
        IllegalArgumentException history = assertThrows(IllegalArgumentException.class,
                () -> StepProgramTransitions.gaussian(dpm.step(ctx, 2), GAUSSIAN, GRID));
        assertTrue(history.getMessage().contains("single-step"));
        assertThrows(IllegalArgumentException.class, () -> DensityPropagation.stochastic(new AncestralDdpm(), ctx,
                GaussianMixtureTarget.standard(2, 3, true), GridDensity.standardNormal(GRID)));
    }

    @Test
    void distancesMatchGaussianClosedForms() {
        GridDensity p = gaussian(0.3, 0.5);
        GridDensity q = gaussian(-0.2, 0.8);
        DensityError e = p.errorAgainst(q);
        double klPq = 0.5 * (0.5 / 0.8 + 0.25 / 0.8 - 1 - Math.log(0.5 / 0.8));
        double klQp = 0.5 * (0.8 / 0.5 + 0.25 / 0.5 - 1 - Math.log(0.8 / 0.5));
        assertEquals(klPq, e.klModelToTarget(), 1e-13);
        assertEquals(klQp, e.klTargetToModel(), 1e-13);
        // equal variances: TV = 2Φ(|Δ|/(2s)) − 1
        DensityError same = gaussian(0.3, 0.5).errorAgainst(gaussian(-0.2, 0.5));
        double tv = Erf.erf(0.5 / (2 * Math.sqrt(0.5)) / Math.sqrt(2));
        assertEquals(tv, same.totalVariation(), TV_RELATIVE_TOLERANCE * tv);
    }

    @Test
    void pushforwardOfDdimMatchesItsAffineGaussianOutput() {
        SamplingContext ctx = ouContext(3.0, 1e-2, 8);
        Ddim ddim = new Ddim();
        // DDIM contracts (F' ≈ 0.36), so the prior grid must be wide enough that F's image covers the target
        Grid1d priorGrid = Grid1d.symmetric(16, 1281);
        DeterministicPushforward.Result r = DeterministicPushforward.evaluate(ddim, ctx, GAUSSIAN, priorGrid, 1.0, 0.0);
        // DDIM is affine on a Gaussian target: read F(x) = A x + c off two runs, the output is N(c, A²)
        difflab.core.Particles two = difflab.core.Particles.of(2, 1, new double[] {0.0, 1.0});
        difflab.core.Particles out = new difflab.backend.java.JavaBackend(1).sample(new difflab.run.SamplingJob(ddim, ctx,
                GAUSSIAN, two, 0L)).particles();
        double c = out.get(0, 0);
        double a = out.get(1, 0) - c;
        DensityError exact = gaussian(c, a * a).errorAgainst(GridDensity.ofTarget(GAUSSIAN, 1, 0, GRID));
        assertEquals(exact.totalVariation(), r.error().totalVariation(), TV_RELATIVE_TOLERANCE * exact.totalVariation());
        double v = a * a;
        double klModelTarget = 0.5 * (v / 0.3 + (c - 0.5) * (c - 0.5) / 0.3 - 1 - Math.log(v / 0.3));
        double klTargetModel = 0.5 * (0.3 / v + (c - 0.5) * (c - 0.5) / v - 1 - Math.log(0.3 / v));
        assertEquals(klTargetModel, r.error().klTargetToModel(), 1e-10 * klTargetModel);
        assertEquals(klModelTarget, r.error().klModelToTarget(), 1e-10 * klModelTarget);
        assertEquals(1.0, r.coveredMass(), 1e-12);
        assertEquals(8, r.evaluations());
    }
}
