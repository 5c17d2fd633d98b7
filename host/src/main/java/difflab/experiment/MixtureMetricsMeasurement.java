package difflab.experiment;

import difflab.analysis.stats.Estimate;
import difflab.analysis.stats.TvEstimate;
import difflab.core.InitialNoise;
import difflab.core.Particles;
import difflab.exact.MonteCarloMetrics;
import difflab.exact.NoisedMarginal;
import difflab.run.Backend;
import difflab.run.SamplingJob;
import difflab.run.SamplingResult;
import difflab.sampler.Sampler;
import difflab.sampler.SamplingContext;
import difflab.target.Target;
import difflab.target.Targets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one cell of a Monte Carlo experiment on a Gaussian mixture: the sampler's final particles (on the cell's
 * backend, from the seeded x<sub>T</sub> ~ N(0, I)) against the exact noised marginal p<sub>t0</sub> ({@link NoisedMarginal},
 * {@link MonteCarloMetrics}). Schedule and grid as in {@link ExactKlMeasurement#context} (Li's knot chain for
 * {@code li}). Every metric comes with its standard error and the value a perfect sampler would show at this
 * particle count (its noise floor):
 * <ul>
 * <li>{@code tv1}: TV of the histogram of coordinate 0, {@value #BINS_1D} equal bins over the exact mean ± {@value #RANGE}
 * standard deviations;</li>
 * <li>{@code tv2}: TV of the 2-D histogram of coordinates (0, 1), {@value #BINS_2D}² cells on the same ranges;</li>
 * <li>{@code sw2}: sliced W2 to as many exact samples, {@value #PROJECTIONS} directions;</li>
 * <li>{@code mean_error}, {@code cov_error}: ‖m̂ − m‖₂ and ‖Ĉ − C‖<sub>F</sub>.</li>
 * </ul>
 */
public final class MixtureMetricsMeasurement {
    /** The metric columns this measurement returns. */
    public static final List<String> METRICS = List.of("nfe", "tv1", "tv1_se", "tv1_floor", "tv2", "tv2_se",
            "tv2_floor", "sw2", "sw2_se", "sw2_floor", "mean_error", "mean_error_se", "mean_error_floor", "cov_error",
            "cov_error_se");
    static final int BINS_1D = 24;
    static final int BINS_2D = 12;
    static final double RANGE = 4.0;
    static final int PROJECTIONS = 16;

    private MixtureMetricsMeasurement() {
    }

    /** Samples the cell and returns {@link #METRICS}. */
    public static Map<String, Object> measure(Cell cell, Backend backend) {
        Sampler sampler = ExactKlMeasurement.sampler(cell);
        Target target = Targets.byName(cell.target(), cell.dimension(), cell.components());
        SamplingContext ctx = ExactKlMeasurement.context(cell);
        Particles init = InitialNoise.standardNormal(cell.particles(), cell.dimension(), cell.seed());
        SamplingResult result = backend.sample(new SamplingJob(sampler, ctx, target, init, cell.seed()));
        Particles p = result.particles();
        NoisedMarginal exact = NoisedMarginal.of(target, ctx.alpha(ctx.steps()), ctx.sigma(ctx.steps()));
        double[] mean = exact.mean();
        double[][] cov = exact.covariance();
        double[] e0 = edges(mean[0], cov[0][0], BINS_1D);
        TvEstimate tv1 = MonteCarloMetrics.tv1d(p, exact, 0, e0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nfe", result.evaluations());
        m.put("tv1", tv1.value());
        m.put("tv1_se", tv1.standardError());
        m.put("tv1_floor", tv1.noiseFloor());
        if (cell.dimension() >= 2) {
            TvEstimate tv2 = MonteCarloMetrics.tv2d(p, exact, 0, 1, edges(mean[0], cov[0][0], BINS_2D),
                    edges(mean[1], cov[1][1], BINS_2D));
            m.put("tv2", tv2.value());
            m.put("tv2_se", tv2.standardError());
            m.put("tv2_floor", tv2.noiseFloor());
        } else {
            m.put("tv2", Double.NaN);
            m.put("tv2_se", Double.NaN);
            m.put("tv2_floor", Double.NaN);
        }
        Estimate sw = MonteCarloMetrics.slicedW2(p, exact, PROJECTIONS, cell.seed());
        Estimate swFloor = MonteCarloMetrics.slicedW2Floor(exact, cell.particles(), PROJECTIONS, cell.seed());
        m.put("sw2", sw.value());
        m.put("sw2_se", sw.standardError());
        m.put("sw2_floor", swFloor.value());
        Estimate me = MonteCarloMetrics.meanError(p, exact);
        m.put("mean_error", me.value());
        m.put("mean_error_se", me.standardError());
        m.put("mean_error_floor", MonteCarloMetrics.meanErrorFloor(exact, cell.particles()));
        Estimate ce = MonteCarloMetrics.covarianceError(p, exact);
        m.put("cov_error", ce.value());
        m.put("cov_error_se", ce.standardError());
        return m;
    }

    private static double[] edges(double mean, double variance, int bins) {
        double s = Math.sqrt(variance);
        return MonteCarloMetrics.uniformEdges(mean - RANGE * s, mean + RANGE * s, bins);
    }
}
