package difflab.kernels;

/**
 * Exact denoiser of a Gaussian target with diagonal covariance under the VP forward process, the
 * Java twin of the device functions in {@code difflab/kernels/denoise_gauss.cl}.
 *
 * <p>Target {@code p_0 = N(μ, diag(v))}; with {@code x_t = α x_0 + σ z} the posterior mean is
 * (ALGORITHMS.md §7.3, the one-component case of §7.1)
 * <pre>  D_j(x) = μ_j + g_j·(x_j − α μ_j),   g_j = α v_j / (α² v_j + σ²).</pre>
 * The gains {@code g_j} depend on the stage only, so they are computed once per call
 * ({@link #prepare}, the twin of the device kernel {@code gauss_diag_prepare}) and then applied per
 * element with exactly this operation order: {@code amu = α·μ_j; diff = x − amu; D = μ_j + g_j·diff}.
 * The gain is {@code (α·v_j) / ((α·α)·v_j + σ·σ)}.
 */
public final class GaussianDiagDenoiser {

    private GaussianDiagDenoiser() {
    }

    /**
     * Per-stage gain table {@code gain[j] = (α·v_j)/((α·α)·v_j + σ·σ)}, length d.
     *
     * @throws IllegalArgumentException if alpha or sigma is negative or not finite, or a length is short
     */
    public static void prepare(int d, double alpha, double sigma, double[] var, double[] gain) {
        KernelChecks.nonNegative("alpha", alpha);
        KernelChecks.nonNegative("sigma", sigma);
        KernelChecks.minLength("var", var, d, "d");
        KernelChecks.minLength("gain", gain, d, "d");
        double a2 = alpha * alpha;
        double s2 = sigma * sigma;
        for (int j = 0; j < d; j++) {
            gain[j] = (alpha * var[j]) / (a2 * var[j] + s2);
        }
    }

    /**
     * {@code out = D(x)} on particles {@code [from, to)} with gains from {@link #prepare}; {@code out}
     * may alias {@code x}.
     */
    public static void denoisePrepared(int n, int d, int from, int to, double alpha, double[] mean,
                                       double[] gain, double[] x, double[] out) {
        KernelChecks.range(n, d, from, to);
        KernelChecks.minLength("mean", mean, d, "d");
        KernelChecks.minLength("gain", gain, d, "d");
        KernelChecks.length("x", x, n, d);
        KernelChecks.length("out", out, n, d);
        for (int j = 0; j < d; j++) {
            double mu = mean[j];
            double g = gain[j];
            double amu = alpha * mu;
            int lo = j * n + from;
            int hi = j * n + to;
            for (int e = lo; e < hi; e++) {
                out[e] = mu + g * (x[e] - amu);
            }
        }
    }

    /**
     * {@code out = D(x)} for {@code N(mean, diag(var))} at signal scale {@code alpha} and noise level
     * {@code sigma}, on particles {@code [from, to)}; {@code out} may alias {@code x}.
     *
     * @param mean length-d mean μ
     * @param var  length-d variances v (&gt;= 0; with sigma = 0 they must be &gt; 0)
     */
    public static void denoise(int n, int d, int from, int to, double alpha, double sigma,
                               double[] mean, double[] var, double[] x, double[] out) {
        double[] gain = new double[d];
        prepare(d, alpha, sigma, var, gain);
        denoisePrepared(n, d, from, to, alpha, mean, gain, x, out);
    }
}
