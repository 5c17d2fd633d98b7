package difflab.target;

import difflab.core.Particles;
import difflab.kernels.GmmDenoiser;
import difflab.kernels.NormalNoiseKernel;
import java.util.Optional;
import org.apache.commons.math3.special.Erf;

/**
 * A Gaussian mixture p<sub>0</sub> = Σ<sub>c</sub> π<sub>c</sub> N(μ<sub>c</sub>, Σ<sub>c</sub>) with isotropic (Σ<sub>c</sub> = s<sub>c</sub>² I) or diagonal
 * covariances, in any dimension (docs/ALGORITHMS.md §7.1, DERIVED, standard):
 * <pre>
 *   p_t = Σ_c π_c N(α μ_c, C_c),  C_c = α²Σ_c + σ²I
 *   w_c(x) = π_c N(x; αμ_c, C_c) / Σ_j π_j N(x; αμ_j, C_j)        (log-sum-exp)
 *   D(x) = Σ_c w_c(x) [μ_c + α Σ_c C_c⁻¹ (x − αμ_c)]
 * </pre>
 * The batch denoiser is the kernels module's {@link GmmDenoiser}, the same code the java backend runs.
 */
public final class GaussianMixtureTarget implements Target {
    private final int d;
    private final int k;
    private final double[] logWeights;
    private final double[] means;
    private final double[] variances;
    private final boolean isotropic;

    private GaussianMixtureTarget(int d, int k, double[] logWeights, double[] means, double[] variances,
            boolean isotropic) {
        this.d = d;
        this.k = k;
        this.logWeights = logWeights;
        this.means = means;
        this.variances = variances;
        this.isotropic = isotropic;
    }

    /**
     * A mixture with isotropic components.
     *
     * @param weights   π<sub>c</sub> (normalised here), length K
     * @param means     [K][d]
     * @param variances s<sub>c</sub>², length K
     * @throws IllegalArgumentException on mismatched lengths, non-positive weights or variances
     */
    public static GaussianMixtureTarget isotropic(double[] weights, double[][] means, double[] variances) {
        return create(weights, means, variances, true);
    }

    /**
     * A mixture with diagonal components.
     *
     * @param variances [K][d] flattened component-major, i.e. length K·d
     */
    public static GaussianMixtureTarget diagonal(double[] weights, double[][] means, double[] variances) {
        return create(weights, means, variances, false);
    }

    private static GaussianMixtureTarget create(double[] weights, double[][] means, double[] variances, boolean iso) {
        int k = weights.length;
        if (k < 1 || means.length != k) {
            throw new IllegalArgumentException("mixture needs K >= 1 weights and K means, got " + k + " weights and "
                    + means.length + " means");
        }
        int d = means[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("mixture dimension d=" + d + " is invalid; accepted: d >= 1");
        }
        int expectedVariances = iso ? k : k * d;
        if (variances.length != expectedVariances) {
            throw new IllegalArgumentException("mixture with K=" + k + ", d=" + d + " needs " + expectedVariances
                    + (iso ? " isotropic" : " diagonal") + " variances, got " + variances.length);
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            if (!(weights[c] > 0 && Double.isFinite(weights[c]))) {
                throw new IllegalArgumentException("mixture weight[" + c + "]=" + weights[c]
                        + " is invalid; accepted: finite weights > 0 (normalised here)");
            }
            total += weights[c];
        }
        for (int v = 0; v < variances.length; v++) {
            if (!(variances[v] > 0 && Double.isFinite(variances[v]))) {
                throw new IllegalArgumentException("mixture variance[" + v + "]=" + variances[v]
                        + " is not positive: covariances must be positive definite");
            }
        }
        double[] logW = new double[k];
        double[] flat = new double[k * d];
        for (int c = 0; c < k; c++) {
            logW[c] = Math.log(weights[c] / total);
            if (means[c].length != d) {
                throw new IllegalArgumentException("mean " + c + " has dimension " + means[c].length + ", expected " + d
                        + " (the dimension of mean 0)");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(means[c][j])) {
                    throw new IllegalArgumentException("mean[" + c + "][" + j + "]=" + means[c][j] + " is not finite");
                }
            }
            System.arraycopy(means[c], 0, flat, c * d, d);
        }
        return new GaussianMixtureTarget(d, k, logW, flat, variances.clone(), iso);
    }

    /**
     * The standard test mixture: K components with weights π<sub>c</sub> ∝ 1 + c, means
     * μ<sub>c,j</sub> = 2·cos(2π(c+1)(j+1)/(K+1) + c) and variances s<sub>c</sub>² = 0.15 + 0.1·(c mod 3)
     * (isotropic), or per coordinate s<sub>c,j</sub>² = 0.1 + 0.1·((c + j) mod 4) (diagonal). Deterministic.
     */
    public static GaussianMixtureTarget standard(int d, int k, boolean isotropic) {
        if (d < 1 || k < 1) {
            throw new IllegalArgumentException("standard mixture needs d >= 1 and K >= 1, got d=" + d + ", K=" + k);
        }
        double[] w = new double[k];
        double[][] mu = new double[k][d];
        double[] v = new double[isotropic ? k : k * d];
        for (int c = 0; c < k; c++) {
            w[c] = 1.0 + c;
            for (int j = 0; j < d; j++) {
                mu[c][j] = 2.0 * Math.cos(2.0 * Math.PI * (c + 1) * (j + 1) / (k + 1) + c);
                if (!isotropic) {
                    v[c * d + j] = 0.1 + 0.1 * ((c + j) % 4);
                }
            }
            if (isotropic) {
                v[c] = 0.15 + 0.1 * (c % 3);
            }
        }
        return create(w, mu, v, isotropic);
    }

    @Override
    public String id() {
        return (isotropic ? "gmm-iso" : "gmm-diag") + "(K=" + k + ",d=" + d + ")";
    }

    @Override
    public int dimension() {
        return d;
    }

    /** Number of components K. */
    public int components() {
        return k;
    }

    /** Whether the components are isotropic. */
    public boolean isIsotropic() {
        return isotropic;
    }

    /** Variance of component c along coordinate j. */
    public double variance(int c, int j) {
        return isotropic ? variances[c] : variances[c * d + j];
    }

    /** Mixture weight π<sub>c</sub>. */
    public double weight(int c) {
        return Math.exp(logWeights[c]);
    }

    /** Mean of component c, coordinate j. */
    public double componentMean(int c, int j) {
        return means[c * d + j];
    }

    @Override
    public void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out) {
        if (isotropic) {
            GmmDenoiser.denoiseIsotropic(n, d, from, to, alpha, sigma, k, logWeights, means, variances, x, out);
        } else {
            GmmDenoiser.denoiseDiagonal(n, d, from, to, alpha, sigma, k, logWeights, means, variances, x, out);
        }
    }

    /** The denoiser with its {@link GmmDenoiser} table at (α, σ) filled once. */
    @Override
    public StageDenoiser at(double alpha, double sigma) {
        double[] table;
        if (isotropic) {
            table = new double[GmmDenoiser.isotropicTableLength(k, d)];
            GmmDenoiser.prepareIsotropic(d, alpha, sigma, k, logWeights, means, variances, table);
        } else {
            table = new double[GmmDenoiser.diagonalTableLength(k, d)];
            GmmDenoiser.prepareDiagonal(d, alpha, sigma, k, logWeights, means, variances, table);
        }
        boolean diagonal = !isotropic;
        return (x, n, from, to, out) -> GmmDenoiser.denoisePrepared(diagonal, n, d, from, to, k, table, x, out);
    }

    /** log Σ<sub>c</sub> π<sub>c</sub> N(x; αμ<sub>c</sub>, C<sub>c</sub>), by log-sum-exp. */
    @Override
    public double logDensity(double alpha, double sigma, double[] point) {
        checkPoint(point);
        double[] terms = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = logWeights[c];
            for (int j = 0; j < d; j++) {
                double v = alpha * alpha * variance(c, j) + sigma * sigma;
                double r = point[j] - alpha * means[c * d + j];
                s += -0.5 * r * r / v - 0.5 * Math.log(2 * Math.PI * v);
            }
            terms[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(terms[c] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public double[] mean() {
        double[] m = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                m[j] += weight(c) * means[c * d + j];
            }
        }
        return m;
    }

    /** Σ<sub>c</sub> π<sub>c</sub>(Σ<sub>c</sub> + μ<sub>c</sub>μ<sub>c</sub>ᵀ) − μμᵀ. */
    @Override
    public double[][] covariance() {
        double[] m = mean();
        double[][] cov = new double[d][d];
        for (int c = 0; c < k; c++) {
            double w = weight(c);
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    cov[r][s] += w * (means[c * d + r] * means[c * d + s] + (r == s ? variance(c, r) : 0.0));
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                cov[r][s] -= m[r] * m[s];
            }
        }
        return cov;
    }

    /**
     * Exact samples: the component is chosen by inverting the weights' CDF at u = Φ(z<sub>0</sub>) (a Philox normal
     * mapped through the normal CDF), then x = μ<sub>c</sub> + s<sub>c</sub> z.
     */
    @Override
    public Particles sample(int n, long seed) {
        double[] choice = new double[n];
        NormalNoiseKernel.fill(n, 1, 0, n, seed, 0L, TargetNoise.COMPONENT_CHOICE_STEP, 0, choice);
        double[] z = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, n, seed, 0L, TargetNoise.DATA_SAMPLE_STEP, 0, z);
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            double u = 0.5 * (1.0 + Erf.erf(choice[i] / Math.sqrt(2.0)));
            int c = 0;
            double cumulative = weight(0);
            while (c < k - 1 && u > cumulative) {
                c++;
                cumulative += weight(c);
            }
            for (int j = 0; j < d; j++) {
                out[j * n + i] = means[c * d + j] + Math.sqrt(variance(c, j)) * z[j * n + i];
            }
        }
        return Particles.adopt(n, d, out);
    }

    @Override
    public Optional<DeviceTarget> deviceTarget() {
        return Optional.of(new DeviceTarget(isotropic ? DeviceTarget.Family.GMM_ISOTROPIC
                : DeviceTarget.Family.GMM_DIAGONAL, d, k, logWeights, means, variances));
    }
}
