package difflab.exact;

import difflab.analysis.stats.Estimate;
import difflab.analysis.stats.TvEstimate;
import difflab.backend.java.JavaBackend;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.grid.GridType;
import difflab.run.SamplingJob;
import difflab.sampler.SamplingContext;
import difflab.sampler.registry.SamplerRegistry;
import difflab.schedule.LinearVpSchedule;
import difflab.schedule.NoiseSchedule;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact bin probabilities of noised Gaussian mixtures against quadrature of the exact density, and the Monte Carlo
 * metrics on exact samples (at their noise floors) and on a coarse sampler (well above them).
 */
class MonteCarloMetricsTest {
    static final double ALPHA = 0.8;
    static final double SIGMA = 0.6;
    static final int SIMPSON_INTERVALS = 400;
    static final int N = 20_000;

    @Test
    void oneDimensionalBinsMatchQuadratureOfTheDensity() {
        GaussianMixtureTarget target = GaussianMixtureTarget.standard(1, 4, true);
        NoisedMarginal exact = NoisedMarginal.of(target, ALPHA, SIGMA);
        double[] edges = MonteCarloMetrics.uniformEdges(-4, 4, 16);
        double[] p = exact.binProbabilities(0, edges);
        double total = 0;
        for (int b = 0; b < p.length; b++) {
            double quad = simpson(x -> Math.exp(target.logDensity(ALPHA, SIGMA, new double[] {x})), edges[b],
                    edges[b + 1]);
            assertEquals(quad, p[b], 1e-10, "bin " + b);
            total += p[b];
        }
        assertTrue(total < 1 && total > 0.99, "total " + total);
        double[] wide = exact.binProbabilities(0, new double[] {-40, 0, 40});
        assertEquals(1.0, wide[0] + wide[1], 1e-14);
    }

    @Test
    void twoDimensionalCellsMatchQuadratureOfTheDensity() {
        GaussianMixtureTarget target = GaussianMixtureTarget.standard(2, 3, false);
        NoisedMarginal exact = NoisedMarginal.of(target, ALPHA, SIGMA);
        double[] xe = {-1.0, 0.0, 1.5};
        double[] ye = {-2.0, -0.5, 0.7};
        double[][] p = exact.cellProbabilities(0, 1, xe, ye);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                final int bb = b;
                double quad = simpson(x -> simpson(y -> Math.exp(target.logDensity(ALPHA, SIGMA, new double[] {x, y})),
                        ye[bb], ye[bb + 1]), xe[a], xe[a + 1]);
                assertEquals(quad, p[a][b], 1e-9, "cell " + a + "," + b);
            }
        }
    }

    @Test
    void exactSamplesSitAtTheNoiseFloors() {
        GaussianMixtureTarget target = GaussianMixtureTarget.standard(2, 4, true);
        NoisedMarginal exact = NoisedMarginal.of(target, ALPHA, SIGMA);
        Particles p = exact.sample(N, 9L);
        double[] edges = MonteCarloMetrics.uniformEdges(-3.5, 3.5, 20);
        TvEstimate tv = MonteCarloMetrics.tv1d(p, exact, 0, edges);
        assertTrue(tv.value() < tv.noiseFloor() + 4 * tv.standardError(), "1-D TV " + tv);
        TvEstimate tv2 = MonteCarloMetrics.tv2d(p, exact, 0, 1, edges, edges);
        assertTrue(tv2.value() < tv2.noiseFloor() + 4 * tv2.standardError(), "2-D TV " + tv2);
        double floor = MonteCarloMetrics.meanErrorFloor(exact, N);
        Estimate mean = MonteCarloMetrics.meanError(p, exact);
        assertTrue(mean.value() < 3 * floor, "mean error " + mean + " vs floor " + floor);
        Estimate cov = MonteCarloMetrics.covarianceError(p, exact);
        assertTrue(cov.value() < 0.05, "covariance error " + cov);
        Estimate sw = MonteCarloMetrics.slicedW2(p, exact, 16, 5L);
        Estimate swFloor = MonteCarloMetrics.slicedW2Floor(exact, N, 16, 5L);
        assertTrue(sw.value() < 2 * swFloor.value() + 4 * sw.standardError(), "SW2 " + sw + " floor " + swFloor);
    }

    @Test
    void aCoarseSamplerIsFarAboveTheFloors() {
        GaussianMixtureTarget target = GaussianMixtureTarget.standard(2, 4, true);
        NoiseSchedule schedule = LinearVpSchedule.standard();
        SamplingContext ctx = new SamplingContext(schedule, new GridType.UniformLogSnr().build(schedule, 1.0, 1e-3, 4));
        Particles p = new JavaBackend().sample(new SamplingJob(SamplerRegistry.byId("ddpm-ancestral"), ctx, target,
                InitialNoise.standardNormal(N, 2, 3L), 3L)).particles();
        NoisedMarginal exact = NoisedMarginal.of(target, ctx.alpha(4), ctx.sigma(4));
        double[] edges = MonteCarloMetrics.uniformEdges(-3.5, 3.5, 20);
        TvEstimate tv = MonteCarloMetrics.tv1d(p, exact, 0, edges);
        assertTrue(tv.value() > tv.noiseFloor() + 10 * tv.standardError(), "4-step DDPM TV " + tv);
        Estimate cov = MonteCarloMetrics.covarianceError(p, exact);
        assertTrue(cov.value() > 10 * cov.standardError(), "4-step DDPM covariance error " + cov);
        Estimate sw = MonteCarloMetrics.slicedW2(p, exact, 16, 5L);
        Estimate swFloor = MonteCarloMetrics.slicedW2Floor(exact, N, 16, 5L);
        assertTrue(sw.value() > 3 * swFloor.value(), "SW2 " + sw + " floor " + swFloor);
    }

    @Test
    void correlatedTargetsRefuseTwoDimensionalCells() {
        NoisedMarginal rotated = NoisedMarginal.of(GaussianTarget.standard(3, true), ALPHA, SIGMA);
        double[] e = {-1, 0, 1};
        assertThrows(IllegalArgumentException.class, () -> rotated.cellProbabilities(0, 1, e, e));
        assertEquals(1.0, sum(rotated.binProbabilities(2, new double[] {-50, 0.1, 50})), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> NoisedMarginal.of(GaussianTarget.standard(2, false), 0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> rotated.binProbabilities(0, new double[] {1, 0}));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b) {
        int n = SIMPSON_INTERVALS;
        double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int k = 1; k < n; k++) {
            s += (k % 2 == 0 ? 2 : 4) * f.applyAsDouble(a + k * h);
        }
        return s * h / 3;
    }
}
