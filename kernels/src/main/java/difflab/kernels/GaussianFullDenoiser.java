package difflab.kernels;

/**
 * Exact denoiser of a Gaussian target with a full (rotated) covariance under the VP forward process, the Java twin
 * of the device kernel {@code stage_gauss_full} ({@code difflab/kernels/gauss_full.cl}).
 *
 * <p>Target {@code p_0 = N(μ, Σ)} with {@code Σ = U diag(λ) Uᵀ}; with {@code x_t = α x_0 + σ z} the posterior mean is
 * (ALGORITHMS.md §7.3, linear-Gaussian algebra)
 * <pre>  D(x) = μ + U diag(g) Uᵀ (x − α μ),   g_k = α λ_k / (α² λ_k + σ²).</pre>
 * The gains are those of the diagonal case with the eigenvalues as variances, computed once per stage by
 * {@link GaussianDiagDenoiser#prepare} (device: {@code gauss_diag_prepare}). Per particle, in exactly this order:
 * <pre>
 *   c_r = x_r − α·μ_r                       (r &lt; d)
 *   y_k = g_k · (((0 + U[0][k]·c_0) + U[1][k]·c_1) + …)      (k &lt; d)
 *   D_r = μ_r + (((0 + U[r][0]·y_0) + U[r][1]·y_1) + …)      (r &lt; d)
 * </pre>
 * so that the device kernel, which follows the same order without FMA contraction, gives the same doubles.
 * The basis is row-major d×d with the eigenvectors as columns: {@code basis[r*d + k] = U[r][k]}.
 */
public final class GaussianFullDenoiser {

    private GaussianFullDenoiser() {
    }

    /**
     * {@code out = D(x)} on particles {@code [from, to)} with gains from {@link GaussianDiagDenoiser#prepare} applied
     * to the eigenvalues; {@code out} may alias {@code x} (each particle is read whole before it is written).
     *
     * @param mean  length-d mean μ
     * @param basis row-major d×d eigenvector matrix U
     * @param gain  length-d gains g
     */
    public static void denoisePrepared(int n, int d, int from, int to, double alpha, double[] mean, double[] basis,
                                       double[] gain, double[] x, double[] out) {
        KernelChecks.range(n, d, from, to);
        KernelChecks.minLength("mean", mean, d, "d");
        KernelChecks.minLength("basis", basis, (long) d * d, "d*d");
        KernelChecks.minLength("gain", gain, d, "d");
        KernelChecks.length("x", x, n, d);
        KernelChecks.length("out", out, n, d);
        double[] centred = new double[d];
        double[] y = new double[d];
        for (int i = from; i < to; i++) {
            for (int r = 0; r < d; r++) {
                centred[r] = x[r * n + i] - alpha * mean[r];
            }
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += basis[r * d + k] * centred[r];
                }
                y[k] = gain[k] * sum;
            }
            for (int r = 0; r < d; r++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += basis[r * d + k] * y[k];
                }
                out[r * n + i] = mean[r] + sum;
            }
        }
    }

    /**
     * {@code out = D(x)} for {@code N(mean, U diag(eigenvalues) Uᵀ)} at signal scale {@code alpha} and noise level
     * {@code sigma}, on particles {@code [from, to)}; {@code out} may alias {@code x}.
     */
    public static void denoise(int n, int d, int from, int to, double alpha, double sigma, double[] mean,
                               double[] eigenvalues, double[] basis, double[] x, double[] out) {
        double[] gain = new double[d];
        GaussianDiagDenoiser.prepare(d, alpha, sigma, eigenvalues, gain);
        denoisePrepared(n, d, from, to, alpha, mean, basis, gain, x, out);
    }
}
