package difflab.exact1d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import difflab.fors.AcceptanceRule;
import difflab.fors.ForsDiffusionSampler;
import difflab.fors.OrnsteinUhlenbeckSchedule;
import difflab.fors.ReferencePoint;
import difflab.fors.RejectionParameters;
import difflab.fors.StepGeometry;
import difflab.grid.GridType;
import difflab.grid.TimeGrid;
import difflab.sampler.SamplingContext;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import org.junit.jupiter.api.Test;

/**
 * The FORS accepted-output kernel on the grid (docs/ALGORITHMS.md §6.4): the clipped tilt of the sweep against direct
 * Gauss–Legendre over U and against the Gaussian closed form; without clipping, the normaliser and the propagated
 * marginals against their closed forms; mass conservation and the two acceptance rules' costs.
 */
class ForsGridTransitionTest {
    static final Grid1d GRID = Grid1d.symmetric(8, 641);
    static final Target MIXTURE = GaussianMixtureTarget.standard(1, 3, true);
    static final GaussianTarget GAUSSIAN = GaussianTarget.diagonal(new double[] {0.5}, new double[] {0.3});
    static final OrnsteinUhlenbeckSchedule OU = new OrnsteinUhlenbeckSchedule(3.0);
    /** The sweep's clipped tilt agrees with the independent evaluations to this (absolute, in log-density units). */
    static final double TILT_TOLERANCE = 1e-11;
    /** Relative change of a measured clipping bias when the grid spacing halves. */
    static final double GRID_REFINEMENT_TOLERANCE = 1e-3;

    static StepGeometry step(double from, double to) {
        return StepGeometry.of(new SamplingContext(OU, TimeGrid.of(OU, from, to)), 0);
    }

    static ForsDiffusionSampler fors(double bound, ReferencePoint reference, AcceptanceRule rule) {
        return new ForsDiffusionSampler(new RejectionParameters(bound, rule), reference);
    }

    @Test
    void sweepMatchesDirectGaussLegendreOverUOnMixture() {
        StepGeometry g = step(0.05, 0.01);
        for (double bound : new double[] {0.3, 1.0}) {
            ForsGridTransition tr = ForsGridTransition.of(fors(bound, ReferencePoint.RESCALED_STATE,
                    AcceptanceRule.PRODUCT), g, MIXTURE, GRID);
            int clipped = 0;
            for (int i : new int[] {250, 320, 390}) {
                ForsGridTransition.RowKernel r = tr.row(i);
                for (int k = 0; k < r.clippedTilt().length; k += 5) {
                    double x = GRID.point(r.first() + k);
                    double direct = ClippedTilt.direct(MIXTURE, g.alphaTo(), g.sigmaTo(), r.referencePoint(), x, bound,
                            16, 12);
                    double unclipped = ClippedTilt.direct(MIXTURE, g.alphaTo(), g.sigmaTo(), r.referencePoint(), x,
                            Double.POSITIVE_INFINITY, 16, 12);
                    clipped += Math.abs(direct - unclipped) > 1e-6 ? 1 : 0;
                    assertEquals(direct, r.clippedTilt()[k], TILT_TOLERANCE, "B=" + bound + " row " + i + " x=" + x);
                }
            }
            assertTrue(clipped > 5, "the rows must exercise clipping, got " + clipped + " clipped points");
        }
    }

    @Test
    void sweepMatchesGaussianClosedForm() {
        for (double[] times : new double[][] {{0.05, 0.01}, {0.6, 0.5}}) {
            StepGeometry g = step(times[0], times[1]);
            for (ReferencePoint reference : ReferencePoint.values()) {
                for (double bound : new double[] {0.05, 0.3, 1.0, 3.0}) {
                    ForsGridTransition tr = ForsGridTransition.of(fors(bound, reference, AcceptanceRule.PRODUCT), g,
                            GAUSSIAN, GRID);
                    for (int i = 200; i < 450; i += 31) {
                        ForsGridTransition.RowKernel r = tr.row(i);
                        for (int k = 0; k < r.clippedTilt().length; k++) {
                            double x = GRID.point(r.first() + k);
                            double exact = ClippedTilt.gaussian(GAUSSIAN, g.alphaTo(), g.sigmaTo(), r.referencePoint(),
                                    x, bound);
                            assertEquals(exact, r.clippedTilt()[k], TILT_TOLERANCE, reference + " B=" + bound);
                        }
                    }
                }
            }
        }
    }

    @Test
    void unclippedNormalizerMatchesClosedForm() {
        StepGeometry g = step(0.3, 0.2);
        double a = g.a();
        double omega2 = g.proposalVariance();
        for (ReferencePoint reference : ReferencePoint.values()) {
            ForsGridTransition tr = ForsGridTransition.unclipped(reference, g, MIXTURE, GRID);
            for (int i = 220; i < 430; i += 23) {
                ForsGridTransition.RowKernel r = tr.row(i);
                double xs = GRID.point(i);
                double y = r.referencePoint();
                double sy = MIXTURE.score(g.alphaTo(), g.sigmaTo(), new double[] {y})[0];
                // Z = a·q_s(x_s)·exp(s_y(y − x_s/a) − s_y²ω²/2 − log q_t(y))
                double logZ = Math.log(a) + MIXTURE.logDensity(g.alphaFrom(), g.sigmaFrom(), new double[] {xs})
                        + sy * (y - xs / a) - 0.5 * sy * sy * omega2
                        - MIXTURE.logDensity(g.alphaTo(), g.sigmaTo(), new double[] {y});
                assertEquals(logZ, r.logNormalizer(), 1e-12, reference + " row " + i);
            }
        }
    }

    @Test
    void unclippedPropagationReproducesExactMarginals() {
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(2.0);
        SamplingContext ctx = new SamplingContext(ou, new GridType.UniformTime().build(ou, 2.0, 0.02, 12));
        Grid1d grid = Grid1d.symmetric(10, 501);
        DensityPropagation.Result r = DensityPropagation.propagate(
                GridDensity.ofTarget(MIXTURE, ou.alpha(2.0), ou.sigma(2.0), grid), ctx.steps(),
                k -> ForsGridTransition.unclipped(ReferencePoint.RESCALED_STATE, StepGeometry.of(ctx, k), MIXTURE,
                        grid));
        DensityError e = r.density().errorAgainst(GridDensity.ofTarget(MIXTURE, ou.alpha(0.02), ou.sigma(0.02), grid));
        assertTrue(e.totalVariation() < 1e-12, "unclipped FORS kernel is the exact reverse kernel: " + e
                + ", skipped mass " + r.skippedMass());
    }

    @Test
    void clippedStepConservesMassAndSequentialRuleIsCheaper() {
        StepGeometry g = step(0.3, 0.2);
        GridDensity in = GridDensity.ofTarget(MIXTURE, g.alphaFrom(), g.sigmaFrom(), GRID);
        GridTransition.Outcome product = ForsGridTransition.of(fors(1.0, ReferencePoint.DDPM_MEAN,
                AcceptanceRule.PRODUCT), g, MIXTURE, GRID).apply(in);
        GridTransition.Outcome sequential = ForsGridTransition.of(fors(1.0, ReferencePoint.DDPM_MEAN,
                AcceptanceRule.SEQUENTIAL), g, MIXTURE, GRID).apply(in);
        assertEquals(in.mass(), product.density().mass(), 1e-13);
        assertEquals(0.0, product.density().errorAgainst(sequential.density()).totalVariation(), 1e-15,
                "both rules accept with the same probability");
        assertTrue(sequential.expectedEvaluations() < product.expectedEvaluations(), sequential + " vs " + product);
        assertTrue(product.expectedEvaluations() > 2 + 2.0, "2 fixed calls plus at least 2B draws per step");
        DensityError clipError = product.density().errorAgainst(GridDensity.ofTarget(MIXTURE, g.alphaTo(), g.sigmaTo(),
                GRID));
        assertTrue(clipError.totalVariation() > 1e-6, "clipping must bias this step: " + clipError);
    }

    @Test
    void clippingBiasIsStableUnderGridRefinement() {
        // w̃ is only C¹ where clipping starts; check that the measured bias converges as the spacing halves
        OrnsteinUhlenbeckSchedule ou = new OrnsteinUhlenbeckSchedule(2.0);
        SamplingContext ctx = new SamplingContext(ou, new GridType.UniformTime().build(ou, 2.0, 0.05, 10));
        ForsDiffusionSampler s = fors(1.0, ReferencePoint.RESCALED_STATE, AcceptanceRule.PRODUCT);
        double[] tv = new double[2];
        for (int r = 0; r < 2; r++) {
            Grid1d grid = Grid1d.symmetric(10, 400 * (r + 1) + 1);
            DensityPropagation.Result p = DensityPropagation.propagate(GridDensity.ofTarget(MIXTURE, ou.alpha(2.0),
                    ou.sigma(2.0), grid), ctx.steps(), k -> ForsGridTransition.of(s, StepGeometry.of(ctx, k), MIXTURE,
                    grid));
            tv[r] = p.density().errorAgainst(GridDensity.ofTarget(MIXTURE, ou.alpha(0.05), ou.sigma(0.05), grid))
                    .totalVariation();
        }
        assertTrue(tv[0] > 1e-3, "the chain must be visibly biased: " + tv[0]);
        assertEquals(tv[1], tv[0], GRID_REFINEMENT_TOLERANCE * tv[1], "TV of the clipping bias at h = 0.05 and 0.025");
    }

    @Test
    void tooCoarseGridIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForsGridTransition.of(fors(1.0, ReferencePoint.RESCALED_STATE, AcceptanceRule.PRODUCT),
                        step(0.011, 0.01), MIXTURE, GRID));
        assertTrue(e.getMessage().contains("does not resolve"));
    }
}
