package difflab.target;

import difflab.core.Particles;
import difflab.kernels.GaussianDiagDenoiser;
import difflab.kernels.GaussianFullDenoiser;
import difflab.kernels.NormalNoiseKernel;
import java.util.Optional;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A Gaussian target N(μ, Σ), diagonal or full, in any dimension. With Σ = U Λ Uᵀ and
 * v<sub>k</sub>(t) = α²λ<sub>k</sub> + σ² the eigenvalues of C<sub>t</sub> = α²Σ + σ²I (docs/ALGORITHMS.md §7.3):
 * <pre>
 *   p_t = N(α μ, C_t),   D(x) = μ + U diag(α λ_k / v_k) Uᵀ (x − α μ)
 * </pre>
 * and the probability-flow ODE is solved exactly per eigen-direction: y<sub>t</sub> = sqrt(v<sub>k</sub>(t)/v<sub>k</sub>(s))·y<sub>s</sub> with
 * y = Uᵀ(x − α μ) ({@link #flow}). This is the closed-form reference of the order tests. DERIVED (standard linear-Gaussian
 * algebra, docs/ALGORITHMS.md §7.3). Checked by GaussianTargetTest (the score against a finite
 * difference of {@link #logDensity}, D against Tweedie's formula on that score) and ProbabilityFlowReferenceTest (a
 * Dormand–Prince solve of the flow against {@link #flow}); their bounds are in the tests.
 */
public final class GaussianTarget implements Target {
    /** Relative asymmetry tolerated in a full covariance (the symmetric part is then used). */
    static final double SYMMETRY_TOLERANCE = 1e-12;
    /**
     * Eigenvalues at or below this fraction of the largest are treated as not positive: a symmetric eigensolver in
     * double resolves eigenvalues only to about d·ε·‖Σ‖, so below that the sign of the computed value is noise.
     */
    static final double SINGULARITY_TOLERANCE = 1e-13;

    private final double[] mean;
    private final double[] eigenvalues;
    /** Eigenvectors as columns, row-major d×d: {@code basis[r*d + k]} = U[r][k]; null when diagonal. */
    private final double[] basis;
    private final int d;

    private GaussianTarget(double[] mean, double[] eigenvalues, double[] basis) {
        this.mean = mean;
        this.eigenvalues = eigenvalues;
        this.basis = basis;
        this.d = mean.length;
    }

    /**
     * N(μ, diag(v)).
     *
     * @throws IllegalArgumentException on a length mismatch or a variance that is not positive
     */
    public static GaussianTarget diagonal(double[] mean, double[] variances) {
        requireMean(mean);
        if (mean.length != variances.length) {
            throw new IllegalArgumentException("mean has dimension " + mean.length + " but variances has "
                    + variances.length + "; accepted: equal lengths");
        }
        for (int j = 0; j < variances.length; j++) {
            if (!(variances[j] > 0 && Double.isFinite(variances[j]))) {
                throw new IllegalArgumentException("variance[" + j + "]=" + variances[j]
                        + " is not positive: the covariance must be positive definite");
            }
        }
        return new GaussianTarget(mean.clone(), variances.clone(), null);
    }

    /**
     * N(μ, Σ) with a full symmetric positive-definite Σ. Asymmetry up to {@link #SYMMETRY_TOLERANCE} (relative) is
     * accepted and the symmetric part (Σ + Σᵀ)/2 is decomposed (commons-math's EigenDecomposition otherwise switches to
     * its non-symmetric algorithm, whose eigenvectors are not orthonormal: a 3e-13 asymmetry gave a covariance off by
     * a factor 3 before this was fixed). Eigenvalues at or below {@link #SINGULARITY_TOLERANCE} times the largest are
     * rejected as not positive definite (a singular Σ computes to eigenvalues of either sign ~1e-16).
     *
     * @throws IllegalArgumentException on a dimension mismatch, an asymmetric Σ, or one that is not positive definite
     */
    public static GaussianTarget full(double[] mean, double[][] covariance) {
        requireMean(mean);
        int d = mean.length;
        if (covariance.length != d) {
            throw new IllegalArgumentException("mean has dimension " + d + " but covariance has " + covariance.length
                    + " rows; accepted: a " + d + "x" + d + " matrix");
        }
        for (int r = 0; r < d; r++) {
            if (covariance[r].length != d) {
                throw new IllegalArgumentException("covariance row " + r + " has " + covariance[r].length
                        + " entries, expected " + d);
            }
            for (int c = 0; c <= r; c++) {
                if (!Double.isFinite(covariance[r][c])) {
                    throw new IllegalArgumentException("covariance[" + r + "][" + c + "]=" + covariance[r][c]
                            + " is not finite");
                }
                double scale = Math.max(Math.abs(covariance[r][c]), Math.abs(covariance[c][r]));
                if (Math.abs(covariance[r][c] - covariance[c][r]) > SYMMETRY_TOLERANCE * Math.max(scale, 1.0)) {
                    throw new IllegalArgumentException("covariance is not symmetric: [" + r + "][" + c + "]="
                            + covariance[r][c] + " vs [" + c + "][" + r + "]=" + covariance[c][r]);
                }
            }
        }
        // the exactly symmetric part: EigenDecomposition takes its non-symmetric (Schur) path for asymmetries
        // above ~10·d²·ε relative, far below SYMMETRY_TOLERANCE
        double[][] symmetric = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                symmetric[r][c] = 0.5 * (covariance[r][c] + covariance[c][r]);
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(symmetric, false);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] values = eig.getRealEigenvalues();
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        double[] basis = new double[d * d];
        for (int k = 0; k < d; k++) {
            if (!(values[k] > SINGULARITY_TOLERANCE * largest)) {
                throw new IllegalArgumentException("covariance is not positive definite: eigenvalue " + values[k]
                        + " (largest " + largest + "); accepted: symmetric with all eigenvalues > "
                        + SINGULARITY_TOLERANCE + " x the largest");
            }
            double[] v = eig.getEigenvector(k).toArray();
            for (int r = 0; r < d; r++) {
                basis[r * d + k] = v[r];
            }
        }
        return new GaussianTarget(mean.clone(), values, basis);
    }

    private static void requireMean(double[] mean) {
        if (mean.length < 1) {
            throw new IllegalArgumentException("mean has dimension 0; accepted: d >= 1");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("mean[" + j + "]=" + mean[j] + " is not finite");
            }
        }
    }

    /**
     * The standard anisotropic test Gaussian of dimension d: mean μ<sub>j</sub> = 0.5·cos(j+1), eigenvalues spread
     * geometrically from 0.05 to 2, and (when {@code rotated}) eigenvectors rotated by a fixed Householder
     * reflection so that Σ is full. Deterministic.
     */
    public static GaussianTarget standard(int d, boolean rotated) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension d=" + d + " is invalid; accepted: d >= 1");
        }
        double[] mean = new double[d];
        double[] values = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = 0.5 * Math.cos(j + 1.0);
            values[j] = d == 1 ? 0.05 : 0.05 * Math.pow(2.0 / 0.05, (double) j / (d - 1));
        }
        if (!rotated || d == 1) {
            return diagonal(mean, values);
        }
        double[] u = new double[d];
        double norm = 0;
        for (int j = 0; j < d; j++) {
            u[j] = 1.0 + 0.3 * j;
            norm += u[j] * u[j];
        }
        double[] basis = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int k = 0; k < d; k++) {
                basis[r * d + k] = (r == k ? 1.0 : 0.0) - 2.0 * u[r] * u[k] / norm;
            }
        }
        return new GaussianTarget(mean, values, basis);
    }

    @Override
    public String id() {
        return (basis == null ? "gaussian-diag" : "gaussian-full") + "(d=" + d + ")";
    }

    @Override
    public int dimension() {
        return d;
    }

    /** Whether Σ is diagonal (no rotation). */
    public boolean isDiagonal() {
        return basis == null;
    }

    /** The eigenvalues λ<sub>k</sub> of Σ (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] covariance() {
        double[][] c = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                if (basis == null) {
                    c[r][s] = r == s ? eigenvalues[r] : 0.0;
                } else {
                    double sum = 0;
                    for (int k = 0; k < d; k++) {
                        sum += basis[r * d + k] * eigenvalues[k] * basis[s * d + k];
                    }
                    c[r][s] = sum;
                }
            }
        }
        return c;
    }

    @Override
    public void denoise(double alpha, double sigma, double[] x, int n, int from, int to, double[] out) {
        if (basis == null) {
            GaussianDiagDenoiser.denoise(n, d, from, to, alpha, sigma, mean, eigenvalues, x, out);
            return;
        }
        GaussianFullDenoiser.denoise(n, d, from, to, alpha, sigma, mean, eigenvalues, basis, x, out);
    }

    @Override
    public double logDensity(double alpha, double sigma, double[] point) {
        checkPoint(point);
        double[] y = toEigenCoordinates(alpha, point);
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double v = alpha * alpha * eigenvalues[k] + sigma * sigma;
            sum += -0.5 * y[k] * y[k] / v - 0.5 * Math.log(2 * Math.PI * v);
        }
        return sum;
    }

    /**
     * The exact probability-flow map from a time with (α<sub>s</sub>, σ<sub>s</sub>) to one with (α<sub>t</sub>, σ<sub>t</sub>):
     * x<sub>t</sub> = α<sub>t</sub>μ + U diag(sqrt(v<sub>k</sub>(t)/v<sub>k</sub>(s))) Uᵀ(x<sub>s</sub> − α<sub>s</sub>μ).
     */
    public double[] flow(double alphaS, double sigmaS, double alphaT, double sigmaT, double[] point) {
        checkPoint(point);
        double[] y = toEigenCoordinates(alphaS, point);
        for (int k = 0; k < d; k++) {
            double vs = alphaS * alphaS * eigenvalues[k] + sigmaS * sigmaS;
            double vt = alphaT * alphaT * eigenvalues[k] + sigmaT * sigmaT;
            y[k] *= Math.sqrt(vt / vs);
        }
        double[] out = fromEigenCoordinates(y);
        for (int r = 0; r < d; r++) {
            out[r] += alphaT * mean[r];
        }
        return out;
    }

    /** The flow map applied to every particle. */
    public Particles flow(double alphaS, double sigmaS, double alphaT, double sigmaT, Particles particles) {
        double[][] rows = particles.toRows();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = flow(alphaS, sigmaS, alphaT, sigmaT, rows[i]);
        }
        return Particles.fromRows(rows);
    }

    private double[] toEigenCoordinates(double alpha, double[] point) {
        double[] y = new double[d];
        for (int k = 0; k < d; k++) {
            if (basis == null) {
                y[k] = point[k] - alpha * mean[k];
            } else {
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += basis[r * d + k] * (point[r] - alpha * mean[r]);
                }
                y[k] = sum;
            }
        }
        return y;
    }

    private double[] fromEigenCoordinates(double[] y) {
        if (basis == null) {
            return y.clone();
        }
        double[] out = new double[d];
        for (int r = 0; r < d; r++) {
            double sum = 0;
            for (int k = 0; k < d; k++) {
                sum += basis[r * d + k] * y[k];
            }
            out[r] = sum;
        }
        return out;
    }

    /** μ + U diag(sqrt λ) z with z from the Philox stream of {@link NormalNoiseKernel} (step −2, stream 0). */
    @Override
    public Particles sample(int n, long seed) {
        double[] z = new double[n * d];
        NormalNoiseKernel.fill(n, d, 0, n, seed, 0L, TargetNoise.DATA_SAMPLE_STEP, 0, z);
        double[][] rows = new double[n][];
        double[] y = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                y[k] = Math.sqrt(eigenvalues[k]) * z[k * n + i];
            }
            double[] p = fromEigenCoordinates(y);
            for (int r = 0; r < d; r++) {
                p[r] += mean[r];
            }
            rows[i] = p;
        }
        return Particles.fromRows(rows);
    }

    @Override
    public Optional<DeviceTarget> deviceTarget() {
        if (basis != null) {
            return Optional.of(DeviceTarget.gaussianFull(mean, eigenvalues, basis));
        }
        return Optional.of(new DeviceTarget(DeviceTarget.Family.GAUSSIAN_DIAGONAL, d, 1, new double[] {0.0}, mean,
                eigenvalues));
    }
}
