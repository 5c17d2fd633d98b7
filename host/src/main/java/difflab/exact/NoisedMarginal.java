package difflab.exact;

import difflab.core.Particles;
import difflab.kernels.NormalNoiseKernel;
import difflab.target.GaussianMixtureTarget;
import difflab.target.GaussianTarget;
import difflab.target.Target;
import org.apache.commons.math3.special.Erf;

/**
 * The exact law p<sub>t</sub> of x<sub>t</sub> = α·x<sub>0</sub> + σ·z for a target with exact oracles, at one (α, σ) (docs/ALGORITHMS.md §7.1,
 * DERIVED, standard): its moments, exact samples, and exact probabilities of histogram bins, against which Monte
 * Carlo metrics of a sampler's final particles are measured ({@link MonteCarloMetrics}).
 * <ul>
 * <li>mean α·E[x<sub>0</sub>], covariance α²·Cov[x<sub>0</sub>] + σ²I;</li>
 * <li>samples: {@link Target#sample} of p<sub>0</sub>, then α·x<sub>0</sub> + σ·z with z from the Philox stream of step
 * {@link #MARGINAL_NOISE_STEP} (reserved here; the targets use steps −2 … −4, the initial noise −1, sampler steps
 * ≥ 0);</li>
 * <li>bins: for a mixture with diagonal components, p<sub>t</sub> = Σ<sub>c</sub> π<sub>c</sub> Π<sub>j</sub> N(αμ<sub>cj</sub>, s<sub>cj</sub>²) with
 * s<sub>cj</sub>² = α²v<sub>cj</sub> + σ², so a 1-D bin [a, b) of coordinate j has probability
 * Σ<sub>c</sub> π<sub>c</sub>[Φ((b−αμ<sub>cj</sub>)/s<sub>cj</sub>) − Φ((a−αμ<sub>cj</sub>)/s<sub>cj</sub>)] and a 2-D cell of coordinates (j, k) the sum of
 * products of two such differences. Φ differences are taken on the side of the mean where they do not cancel
 * (upper tails above it). A Gaussian target is a one-component mixture; a full (rotated) covariance supports 1-D
 * bins only (its coordinates' marginals are normal, their pairs are correlated).</li>
 * </ul>
 */
public final class NoisedMarginal {
    /** Philox step of the σ·z noise added to exact data samples. */
    public static final int MARGINAL_NOISE_STEP = -5;

    private final Target target;
    private final double alpha;
    private final double sigma;
    private final double[] weights;
    /** [component][coordinate] means of p<sub>t</sub>. */
    private final double[][] means;
    /** [component][coordinate] standard deviations of p<sub>t</sub>; null entries never occur. */
    private final double[][] scales;
    private final boolean diagonalComponents;

    private NoisedMarginal(Target target, double alpha, double sigma, double[] weights, double[][] means,
            double[][] scales, boolean diagonalComponents) {
        this.target = target;
        this.alpha = alpha;
        this.sigma = sigma;
        this.weights = weights;
        this.means = means;
        this.scales = scales;
        this.diagonalComponents = diagonalComponents;
    }

    /**
     * p<sub>t</sub> of a Gaussian or Gaussian-mixture target at (α, σ).
     *
     * @throws IllegalArgumentException for another kind of target, or α, σ that are not a VP pair in [0, 1]
     */
    public static NoisedMarginal of(Target target, double alpha, double sigma) {
        if (!(alpha > 0 && alpha <= 1 && sigma >= 0 && sigma < 1)) {
            throw new IllegalArgumentException("noise level (alpha=" + alpha + ", sigma=" + sigma
                    + ") is invalid; accepted: 0 < alpha <= 1, 0 <= sigma < 1");
        }
        int d = target.dimension();
        if (target instanceof GaussianMixtureTarget g) {
            int k = g.components();
            double[] w = new double[k];
            double[][] m = new double[k][d];
            double[][] s = new double[k][d];
            for (int c = 0; c < k; c++) {
                w[c] = g.weight(c);
                for (int j = 0; j < d; j++) {
                    m[c][j] = alpha * g.componentMean(c, j);
                    s[c][j] = Math.sqrt(alpha * alpha * g.variance(c, j) + sigma * sigma);
                }
            }
            return new NoisedMarginal(target, alpha, sigma, w, m, s, true);
        }
        if (target instanceof GaussianTarget g) {
            double[] mu = g.mean();
            double[][] cov = g.covariance();
            double[][] m = new double[1][d];
            double[][] s = new double[1][d];
            for (int j = 0; j < d; j++) {
                m[0][j] = alpha * mu[j];
                s[0][j] = Math.sqrt(alpha * alpha * cov[j][j] + sigma * sigma);
            }
            return new NoisedMarginal(target, alpha, sigma, new double[] {1.0}, m, s, g.isDiagonal());
        }
        throw new IllegalArgumentException("target " + target.id() + " has no exact bin probabilities; accepted: "
                + "GaussianTarget, GaussianMixtureTarget");
    }

    /** α·E[x<sub>0</sub>]. */
    public double[] mean() {
        double[] m = target.mean();
        for (int j = 0; j < m.length; j++) {
            m[j] *= alpha;
        }
        return m;
    }

    /** α²·Cov[x<sub>0</sub>] + σ²I. */
    public double[][] covariance() {
        double[][] c = target.covariance();
        for (int r = 0; r < c.length; r++) {
            for (int s = 0; s < c.length; s++) {
                c[r][s] *= alpha * alpha;
            }
            c[r][r] += sigma * sigma;
        }
        return c;
    }

    /** n exact samples α·x<sub>0</sub> + σ·z, reproducible from the seed. */
    public Particles sample(int n, long seed) {
        int d = target.dimension();
        double[] x = target.sample(n, seed).toArray();
        double[] z = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, n, seed, 0L, MARGINAL_NOISE_STEP, 0, z);
        for (int i = 0; i < x.length; i++) {
            x[i] = alpha * x[i] + sigma * z[i];
        }
        return Particles.adopt(n, d, x);
    }

    /**
     * The exact probabilities of the bins [e<sub>k</sub>, e<sub>k+1</sub>) of coordinate {@code coordinate}.
     *
     * @throws IllegalArgumentException on a bad coordinate or edges that are not finite and strictly increasing
     */
    public double[] binProbabilities(int coordinate, double[] edges) {
        checkCoordinate(coordinate);
        checkEdges(edges);
        double[] p = new double[edges.length - 1];
        for (int c = 0; c < weights.length; c++) {
            double[] mass = intervalMasses(means[c][coordinate], scales[c][coordinate], edges);
            for (int b = 0; b < p.length; b++) {
                p[b] += weights[c] * mass[b];
            }
        }
        return p;
    }

    /**
     * The exact probabilities [x-bin][y-bin] of the cells of coordinates ({@code x}, {@code y}).
     *
     * @throws IllegalArgumentException if the components are not diagonal, or on bad coordinates or edges
     */
    public double[][] cellProbabilities(int x, int y, double[] xEdges, double[] yEdges) {
        if (!diagonalComponents) {
            throw new IllegalArgumentException("2-D cell probabilities of " + target.id() + " need diagonal components; "
                    + "accepted: diagonal Gaussian targets and Gaussian mixtures");
        }
        checkCoordinate(x);
        checkCoordinate(y);
        if (x == y) {
            throw new IllegalArgumentException("2-D cells need two different coordinates, got " + x + " twice");
        }
        checkEdges(xEdges);
        checkEdges(yEdges);
        double[][] p = new double[xEdges.length - 1][yEdges.length - 1];
        for (int c = 0; c < weights.length; c++) {
            double[] mx = intervalMasses(means[c][x], scales[c][x], xEdges);
            double[] my = intervalMasses(means[c][y], scales[c][y], yEdges);
            for (int a = 0; a < mx.length; a++) {
                for (int b = 0; b < my.length; b++) {
                    p[a][b] += weights[c] * mx[a] * my[b];
                }
            }
        }
        return p;
    }

    /** N(m, s²) mass of each [e_k, e_{k+1}). */
    static double[] intervalMasses(double m, double s, double[] edges) {
        double[] out = new double[edges.length - 1];
        for (int k = 0; k < out.length; k++) {
            double a = (edges[k] - m) / s;
            double b = (edges[k + 1] - m) / s;
            out[k] = a >= 0 ? upperTail(a) - upperTail(b) : lowerTail(b) - lowerTail(a);
        }
        return out;
    }

    /** Φ(z) = ½ erfc(−z/√2). */
    static double lowerTail(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2.0));
    }

    /** 1 − Φ(z) = ½ erfc(z/√2). */
    static double upperTail(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2.0));
    }

    private void checkCoordinate(int j) {
        if (j < 0 || j >= target.dimension()) {
            throw new IllegalArgumentException("coordinate " + j + " is outside 0.." + (target.dimension() - 1));
        }
    }

    private static void checkEdges(double[] edges) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("bin edges need at least 2 values, got " + edges.length);
        }
        for (int k = 0; k < edges.length; k++) {
            if (!Double.isFinite(edges[k]) || (k > 0 && !(edges[k] > edges[k - 1]))) {
                throw new IllegalArgumentException("bin edge [" + k + "] = " + edges[k]
                        + "; accepted: finite and strictly increasing edges");
            }
        }
    }
}
