package difflab.exact;

import difflab.analysis.stats.Estimate;
import difflab.analysis.stats.HistogramTv;
import difflab.analysis.stats.MeanStd;
import difflab.analysis.stats.SlicedWasserstein;
import difflab.analysis.stats.TvEstimate;
import difflab.core.Particles;

/**
 * Monte Carlo distances between a sampler's final particles and the exact law p<sub>t0</sub> of a Gaussian or
 * Gaussian-mixture target ({@link NoisedMarginal}), each with a standard error. The statistics themselves are the
 * analysis module's pure functions ({@link HistogramTv}, {@link SlicedWasserstein}, {@link MeanStd}); this class
 * supplies what needs the target: exact moments, exact samples and exact bin probabilities.
 * <ul>
 * <li>{@link #meanError}: ‖m̂ − m‖₂. Its standard error is the delta method's: with u = (m̂ − m)/‖m̂ − m‖ held fixed,
 * ‖m̂ − m‖ ≈ mean of uᵀ(x<sub>i</sub> − m), so se = sd<sub>i</sub>(uᵀx<sub>i</sub>)/√n.
 * {@link #meanErrorFloor} gives sqrt(tr C/n), the value expected from exact samples.</li>
 * <li>{@link #covarianceError}: ‖Ĉ − C‖<sub>F</sub> with Ĉ the sample covariance; with G = (Ĉ − C)/‖Ĉ − C‖<sub>F</sub> fixed,
 * ‖Ĉ − C‖<sub>F</sub> ≈ mean of (x<sub>i</sub> − m̂)ᵀG(x<sub>i</sub> − m̂) − const, so se = sd<sub>i</sub> of that quadratic form /√n.</li>
 * <li>{@link #slicedW2}: sliced 2-Wasserstein distance to exact samples of p<sub>t0</sub> (standard error over projection
 * directions; compare with {@link #slicedW2Floor}, the distance between two independent exact samples).</li>
 * <li>{@link #tv1d}, {@link #tv2d}: total variation between histograms and exact bin probabilities (delta-method
 * standard error and noise floor from {@link HistogramTv}).</li>
 * </ul>
 * Delta-method errors are accurate when the distance is well above its noise floor and conservative near it.
 */
public final class MonteCarloMetrics {
    /** Seed offset of the exact reference sample, so that it never shares a key with the particles' seed. */
    static final long REFERENCE_SEED_OFFSET = 0x5DEECE66DL;

    private MonteCarloMetrics() {
    }

    /** ‖m̂ − m‖₂ against the exact mean, with its delta-method standard error. */
    public static Estimate meanError(Particles p, NoisedMarginal exact) {
        int n = p.count();
        int d = p.dimension();
        double[] m = exact.mean();
        double[] mHat = sampleMean(p);
        double[] u = new double[d];
        double norm = 0;
        for (int j = 0; j < d; j++) {
            u[j] = mHat[j] - m[j];
            norm += u[j] * u[j];
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return new Estimate(0.0, Double.NaN);
        }
        double[] projected = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += u[j] / norm * p.get(i, j);
            }
            projected[i] = s;
        }
        return new Estimate(norm, MeanStd.of(projected).standardError());
    }

    /** sqrt(tr C/n): the mean error exact samples of this size would show. */
    public static double meanErrorFloor(NoisedMarginal exact, int n) {
        double[][] c = exact.covariance();
        double trace = 0;
        for (int j = 0; j < c.length; j++) {
            trace += c[j][j];
        }
        return Math.sqrt(trace / n);
    }

    /** ‖Ĉ − C‖<sub>F</sub> against the exact covariance, with its delta-method standard error. */
    public static Estimate covarianceError(Particles p, NoisedMarginal exact) {
        int n = p.count();
        int d = p.dimension();
        double[][] c = exact.covariance();
        double[] mHat = sampleMean(p);
        double[][] g = new double[d][d];
        double norm = 0;
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (p.get(i, r) - mHat[r]) * (p.get(i, s) - mHat[s]);
                }
                g[r][s] = sum / (n - 1) - c[r][s];
                norm += g[r][s] * g[r][s];
            }
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return new Estimate(0.0, Double.NaN);
        }
        double[] quadratic = new double[n];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[j] = p.get(i, j) - mHat[j];
            }
            double q = 0;
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    q += centred[r] * g[r][s] / norm * centred[s];
                }
            }
            quadratic[i] = q;
        }
        return new Estimate(norm, MeanStd.of(quadratic).standardError());
    }

    /**
     * Sliced W2 between the particles and as many exact samples of p<sub>t0</sub> (seeded from {@code seed}).
     *
     * @param projections number of random directions (≥ 2 for a standard error)
     */
    public static Estimate slicedW2(Particles p, NoisedMarginal exact, int projections, long seed) {
        Particles reference = exact.sample(p.count(), seed + REFERENCE_SEED_OFFSET);
        return SlicedWasserstein.w2(p.toRows(), reference.toRows(), projections, seed);
    }

    /** Sliced W2 between two independent exact samples of this size: the value of a perfect sampler. */
    public static Estimate slicedW2Floor(NoisedMarginal exact, int n, int projections, long seed) {
        Particles a = exact.sample(n, seed + REFERENCE_SEED_OFFSET);
        Particles b = exact.sample(n, seed + 2 * REFERENCE_SEED_OFFSET);
        return SlicedWasserstein.w2(a.toRows(), b.toRows(), projections, seed);
    }

    /** TV between the histogram of one coordinate and the exact bin probabilities. */
    public static TvEstimate tv1d(Particles p, NoisedMarginal exact, int coordinate, double[] edges) {
        double[] values = new double[p.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = p.get(i, coordinate);
        }
        return HistogramTv.tv1d(values, edges, exact.binProbabilities(coordinate, edges));
    }

    /** TV between the 2-D histogram of coordinates (x, y) and the exact cell probabilities. */
    public static TvEstimate tv2d(Particles p, NoisedMarginal exact, int x, int y, double[] xEdges, double[] yEdges) {
        double[][] points = new double[p.count()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {p.get(i, x), p.get(i, y)};
        }
        return HistogramTv.tv2d(points, xEdges, yEdges, exact.cellProbabilities(x, y, xEdges, yEdges));
    }

    /** {@code bins} equal bins covering [lo, hi]. */
    public static double[] uniformEdges(double lo, double hi, int bins) {
        if (!(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("edges need lo < hi and bins >= 1, got lo=" + lo + ", hi=" + hi
                    + ", bins=" + bins);
        }
        double[] e = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            e[k] = lo + (hi - lo) * k / bins;
        }
        return e;
    }

    private static double[] sampleMean(Particles p) {
        double[] m = new double[p.dimension()];
        for (int j = 0; j < m.length; j++) {
            double s = 0;
            for (int i = 0; i < p.count(); i++) {
                s += p.get(i, j);
            }
            m[j] = s / p.count();
        }
        return m;
    }
}
