package difflab.kernels;

/**
 * Exact denoiser of a Gaussian-mixture target under the VP forward process, with isotropic or
 * diagonal component covariances: the Java twin of {@code difflab/kernels/denoise_gmm.cl}.
 *
 * <p>Target {@code p_0 = Σ_c π_c N(μ_c, Σ_c)}; with {@code x_t = α x_0 + σ z} (ALGORITHMS.md §7.1):
 * <pre>
 *   C_c   = α² Σ_c + σ² I
 *   w_c   = π_c N(x; α μ_c, C_c) / Σ_c' π_c' N(x; α μ_c', C_c')          (log-sum-exp)
 *   D(x)  = Σ_c w_c [ μ_c + α Σ_c C_c⁻¹ (x − α μ_c) ]
 * </pre>
 * The constant {@code −d/2·log 2π} cancels in the responsibilities and is omitted.
 *
 * <p><b>Per-stage table.</b> Everything that depends on (α, σ) but not on x is computed once per
 * call by {@link #prepareIsotropic} / {@link #prepareDiagonal} (twins of the device kernels
 * {@code gmm_iso_prepare} / {@code gmm_diag_prepare}) into a table:
 * <ul>
 *   <li>isotropic ({@code Σ_c = s_c² I}), length {@code 3k}: {@code bias[c] = logπ_c − (0.5·d)·log C_c},
 *       {@code halfInv[c] = 0.5/C_c}, {@code gain[c] = (α·s_c²)/C_c}, at offsets {@code 0, k, 2k};
 *       with {@code C_c = (α·α)·s_c² + σ·σ};</li>
 *   <li>diagonal, length {@code k + 2kd}: {@code bias[c] = logπ_c − 0.5·Σ_j log C_cj} (j ascending),
 *       {@code halfInv[c*d+j] = 0.5/C_cj} at offset k, {@code gain[c*d+j] = (α·v_cj)/C_cj} at offset
 *       {@code k + kd}.</li>
 * </ul>
 * <p><b>Per particle</b>, with {@code amu = α·μ_cj} and {@code diff = x_j − amu}:
 * {@code q_c = Σ_j diff·diff} (iso) or {@code Σ_j (diff·diff)·halfInv_cj} (diag), j ascending from 0;
 * logit {@code l_c = bias_c − halfInv_c·q_c} (iso) or {@code bias_c − q_c} (diag);
 * {@code m = max_c l_c}; {@code w_c = exp(l_c − m)}; {@code S = Σ_c w_c} (c ascending from 0);
 * {@code D_j = (Σ_c w_c·(μ_cj + g_cj·diff)) / S} (c ascending from 0). The device kernels follow the
 * same operation order with FP_CONTRACT off, so they differ from this twin only through the
 * last-ulp differences of {@code log} and {@code exp}.
 *
 * <p>Memory: {@code means[c*d + j]} is coordinate j of component c (component-major); particles are
 * SoA coordinate-major {@code x[j*n + i]}; {@code out} may alias {@code x}. The twin works on tiles
 * of {@value #TILE} particles so that its inner loops run over contiguous particles; scratch for one
 * tile is allocated once per call, never inside the particle loop.
 */
public final class GmmDenoiser {

    /** Particles per tile in the Java twin (scratch is {@code (k + 2)·TILE} doubles per call). */
    public static final int TILE = 64;

    private GmmDenoiser() {
    }

    /** Length of the isotropic per-stage table for {@code k} components. */
    public static int isotropicTableLength(int k) {
        return 3 * k;
    }

    /** Length of the diagonal per-stage table for {@code k} components in dimension {@code d}. */
    public static int diagonalTableLength(int k, int d) {
        return k + 2 * k * d;
    }

    /**
     * Fills the isotropic per-stage table (layout in the class comment).
     *
     * @param vars length-k component variances {@code s_c²}
     */
    public static void prepareIsotropic(int d, double alpha, double sigma, int k, double[] logWeights,
                                        double[] vars, double[] table) {
        checkCommon(alpha, sigma, k, logWeights);
        KernelChecks.minLength("vars", vars, k, "k");
        KernelChecks.minLength("table", table, isotropicTableLength(k), "3k");
        double a2 = alpha * alpha;
        double s2 = sigma * sigma;
        double halfD = 0.5 * d;
        for (int c = 0; c < k; c++) {
            double cc = a2 * vars[c] + s2;
            table[c] = logWeights[c] - halfD * Math.log(cc);
            table[k + c] = 0.5 / cc;
            table[2 * k + c] = (alpha * vars[c]) / cc;
        }
    }

    /**
     * Fills the diagonal per-stage table (layout in the class comment).
     *
     * @param vars length {@code k*d} component variances {@code v_cj}, component-major
     */
    public static void prepareDiagonal(int d, double alpha, double sigma, int k, double[] logWeights,
                                       double[] vars, double[] table) {
        checkCommon(alpha, sigma, k, logWeights);
        KernelChecks.minLength("vars", vars, (long) k * d, "k*d");
        KernelChecks.minLength("table", table, diagonalTableLength(k, d), "k + 2kd");
        double a2 = alpha * alpha;
        double s2 = sigma * sigma;
        int kd = k * d;
        for (int c = 0; c < k; c++) {
            double logDet = 0.0;
            for (int j = 0; j < d; j++) {
                int cj = c * d + j;
                double cc = a2 * vars[cj] + s2;
                logDet = logDet + Math.log(cc);
                table[k + cj] = 0.5 / cc;
                table[k + kd + cj] = (alpha * vars[cj]) / cc;
            }
            table[c] = logWeights[c] - 0.5 * logDet;
        }
    }

    /**
     * GMM denoiser with isotropic components {@code Σ_c = vars[c]·I}, on particles {@code [from, to)}.
     *
     * @param logWeights length-k log mixture weights (need not be normalised)
     * @param means      length {@code k*d}, {@code means[c*d+j]}
     * @param vars       length k, {@code s_c²}
     */
    public static void denoiseIsotropic(int n, int d, int from, int to, double alpha, double sigma,
                                        int k, double[] logWeights, double[] means, double[] vars,
                                        double[] x, double[] out) {
        double[] table = new double[isotropicTableLength(k)];
        prepareIsotropic(d, alpha, sigma, k, logWeights, vars, table);
        denoisePrepared(false, n, d, from, to, alpha, k, means, table, x, out);
    }

    /**
     * GMM denoiser with diagonal components {@code Σ_c = diag(vars[c*d .. c*d+d-1])}, on particles
     * {@code [from, to)}.
     */
    public static void denoiseDiagonal(int n, int d, int from, int to, double alpha, double sigma,
                                       int k, double[] logWeights, double[] means, double[] vars,
                                       double[] x, double[] out) {
        double[] table = new double[diagonalTableLength(k, d)];
        prepareDiagonal(d, alpha, sigma, k, logWeights, vars, table);
        denoisePrepared(true, n, d, from, to, alpha, k, means, table, x, out);
    }

    /**
     * Applies the denoiser with a table from {@link #prepareIsotropic} ({@code diagonal == false})
     * or {@link #prepareDiagonal} ({@code diagonal == true}).
     */
    public static void denoisePrepared(boolean diagonal, int n, int d, int from, int to, double alpha,
                                       int k, double[] means, double[] table, double[] x,
                                       double[] out) {
        KernelChecks.range(n, d, from, to);
        if (k < 1) {
            throw new IllegalArgumentException("component count k=" + k + " must be >= 1");
        }
        KernelChecks.minLength("means", means, (long) k * d, "k*d");
        KernelChecks.minLength("table", table,
                diagonal ? diagonalTableLength(k, d) : isotropicTableLength(k),
                diagonal ? "k + 2kd" : "3k");
        KernelChecks.length("x", x, n, d);
        KernelChecks.length("out", out, n, d);
        final int kd = k * d;
        final double[] lg = new double[k * TILE];
        final double[] sum = new double[TILE];
        final double[] acc = new double[TILE];
        for (int i0 = from; i0 < to; i0 += TILE) {
            final int m = Math.min(TILE, to - i0);
            // 1. logits
            for (int c = 0; c < k; c++) {
                final int lc = c * TILE;
                for (int t = 0; t < m; t++) {
                    lg[lc + t] = 0.0;
                }
                for (int j = 0; j < d; j++) {
                    final double amu = alpha * means[c * d + j];
                    final int xo = j * n + i0;
                    if (diagonal) {
                        final double h = table[k + c * d + j];
                        for (int t = 0; t < m; t++) {
                            double diff = x[xo + t] - amu;
                            lg[lc + t] = lg[lc + t] + (diff * diff) * h;
                        }
                    } else {
                        for (int t = 0; t < m; t++) {
                            double diff = x[xo + t] - amu;
                            lg[lc + t] = lg[lc + t] + diff * diff;
                        }
                    }
                }
                final double bias = table[c];
                if (diagonal) {
                    for (int t = 0; t < m; t++) {
                        lg[lc + t] = bias - lg[lc + t];
                    }
                } else {
                    final double h = table[k + c];
                    for (int t = 0; t < m; t++) {
                        lg[lc + t] = bias - h * lg[lc + t];
                    }
                }
            }
            // 2. responsibilities (unnormalised) and their sum, by log-sum-exp
            for (int t = 0; t < m; t++) {
                double mx = lg[t];
                for (int c = 1; c < k; c++) {
                    mx = Math.max(mx, lg[c * TILE + t]);
                }
                double s = 0.0;
                for (int c = 0; c < k; c++) {
                    double w = Math.exp(lg[c * TILE + t] - mx);
                    lg[c * TILE + t] = w;
                    s = s + w;
                }
                sum[t] = s;
            }
            // 3. D_j = (Σ_c w_c (μ_cj + g_cj (x_j − α μ_cj))) / S
            for (int j = 0; j < d; j++) {
                final int xo = j * n + i0;
                for (int t = 0; t < m; t++) {
                    acc[t] = 0.0;
                }
                for (int c = 0; c < k; c++) {
                    final double mu = means[c * d + j];
                    final double amu = alpha * mu;
                    final double g = diagonal ? table[k + kd + c * d + j] : table[2 * k + c];
                    final int lc = c * TILE;
                    for (int t = 0; t < m; t++) {
                        acc[t] = acc[t] + lg[lc + t] * (mu + g * (x[xo + t] - amu));
                    }
                }
                for (int t = 0; t < m; t++) {
                    out[xo + t] = acc[t] / sum[t];
                }
            }
        }
    }

    private static void checkCommon(double alpha, double sigma, int k, double[] logWeights) {
        KernelChecks.nonNegative("alpha", alpha);
        KernelChecks.nonNegative("sigma", sigma);
        if (k < 1) {
            throw new IllegalArgumentException("component count k=" + k + " must be >= 1");
        }
        KernelChecks.minLength("logWeights", logWeights, k, "k");
    }
}
