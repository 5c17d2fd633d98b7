package difflab.kernels;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact denoiser of a Gaussian-mixture target under the VP forward process, with isotropic or
 * diagonal component covariances: the Java twin of the mixture functions of {@code difflab/kernels/denoise.cl}
 * ({@code gmm_*_prepare}, {@code gmm_logits}, {@code gmm_normalise}, {@code gmm_output}).
 *
 * <p>Target {@code p_0 = Σ_c π_c N(μ_c, Σ_c)}; with {@code x_t = α x_0 + σ z} (ALGORITHMS.md §7.1):
 * <pre>
 *   C_c   = α² Σ_c + σ² I
 *   r_c   = π_c N(x; α μ_c, C_c) / Σ_c' π_c' N(x; α μ_c', C_c')          (log-sum-exp)
 *   D(x)  = Σ_c r_c [ μ_c + α Σ_c C_c⁻¹ (x − α μ_c) ]
 * </pre>
 * The constant {@code −d/2·log 2π} cancels in the responsibilities and is omitted.
 *
 * <p><b>Matmul form.</b> Expanding the square, the logit of component c is linear in x and x² with
 * per-stage coefficients, and the output is linear in the responsibilities:
 * <pre>
 *   l_c = bias'_c + Σ_j W_jc x_j + Σ_j NH_jc x_j²       NH = −1/(2C),  W = (α/C)·μ,
 *         bias'_c = log π_c − ½ Σ_j log C_cj + Σ_j NH_jc (α μ_cj)²
 *   D_j = Σ_c r_c F_jc + (Σ_c r_c G_jc)·x_j              F = (σ²/C)·μ = (1 − α G)·μ,  G = α v / C
 * </pre>
 * so a particle costs about 2·K·d multiply-adds (isotropic: the x² term is {@code nh_c·‖x‖²}, and G
 * depends on c only) instead of evaluating {@code (x_j − α μ_cj)²} and {@code μ + g·(x − α μ)} per
 * component and coordinate.
 *
 * <p><b>Per-stage table.</b> {@link #prepareIsotropic} / {@link #prepareDiagonal} (twins of the device
 * kernels {@code gmm_iso_prepare} / {@code gmm_diag_prepare}) fill, with {@code C = (α·α)·v + σ·σ},
 * {@code nh = −0.5/C}, per-coordinate entries coordinate-major ({@code X[j*k + c]}):
 * <ul>
 *   <li>isotropic ({@code Σ_c = s_c² I}), length {@code 3k + 2kd}: {@code bias'[c] = (logπ_c −
 *       (0.5·d)·log C_c) + nh_c·((α·α)·m2_c)} with {@code m2_c = Σ_j μ_cj·μ_cj}; {@code nh[c]} at k;
 *       {@code g[c] = (α·s_c²)/C_c} at 2k; {@code W[j*k+c] = (α/C_c)·μ_cj} at 3k;
 *       {@code F[j*k+c] = (σ·σ/C_c)·μ_cj} at 3k + kd;</li>
 *   <li>diagonal, length {@code k + 4kd}: {@code bias'[c] = (logπ_c − 0.5·Σ_j log C_cj) + Σ_j nh_cj·(amu·amu)}
 *       ({@code amu = α·μ_cj}, sums j ascending); {@code NH} at k, {@code W} at k + kd, {@code F} at
 *       k + 2kd, {@code G[j*k+c] = (α·v_cj)/C_cj} at k + 3kd.</li>
 * </ul>
 * <p><b>Per particle</b> every multiply-add is one {@link Math#fma} (the kernels' {@code fma}), sums in
 * ascending index: {@code pp = fma(x_j, x_j, pp)}; {@code a_c = fma(W_jc, x_j, a_c)} (diagonal: then
 * {@code a_c = fma(NH_jc, x_j·x_j, a_c)}); {@code l_c = fma(nh_c, pp, bias'_c + a_c)} (isotropic) or
 * {@code bias'_c + a_c}; {@code m = max_c l_c}; {@code e_c = exp(l_c − m)}; {@code S = Σ_c e_c};
 * {@code r_c = e_c·(1/S)}; {@code gs = Σ_c fma(g_c, r_c, gs)} (isotropic) or per coordinate
 * {@code gs_j = Σ_c fma(G_jc, r_c, gs_j)}; {@code f_j = Σ_c fma(F_jc, r_c, f_j)}; {@code D_j = fma(gs, x_j, f_j)}.
 * The device kernels run the same operations (FP_CONTRACT off, explicit fma), so they differ from
 * this twin only through the last-ulp differences of {@code log} and {@code exp}.
 *
 * <p>Memory: {@code means[c*d + j]} is coordinate j of component c (component-major); particles are
 * SoA coordinate-major {@code x[j*n + i]}; {@code out} may alias {@code x}.
 *
 * <p><b>Two implementations, one sequence.</b> Each particle's operations are independent of every other
 * particle's, so the twin vectorises across particles without changing any particle's sequence. With
 * {@code jdk.incubator.vector} in the boot layer ({@code --add-modules jdk.incubator.vector}, as the
 * {@code difflab} launcher and the tests start the JVM) {@link GmmDenoiserVector} holds the particles in
 * vector lanes and 8 accumulators in registers; otherwise {@link #denoisePlain} runs loops over tiles of
 * {@value #TILE} particles that C2 auto-vectorises. Both give the same bits ({@code GmmDenoiserTwinsTest}); see
 * {@link #VECTORISED} and {@link #VECTOR_AFTER_WORK}.
 */
public final class GmmDenoiser {

    /** Particles per tile of the plain-loop twin (scratch is {@code (d + k + 4)·TILE} doubles per call). */
    public static final int TILE = 64;
    /** Coordinates (components) per pass over a tile in the plain-loop twin's sums. */
    static final int UNROLL = 8;
    /**
     * System property: {@code false} runs the plain-loop twin even where {@code jdk.incubator.vector} is
     * present (for comparisons; both give the same bits).
     */
    public static final String VECTOR_PROPERTY = "difflab.java.vector";
    /**
     * Whether {@link #denoisePrepared} uses the {@code jdk.incubator.vector} twin ({@link GmmDenoiserVector}):
     * the module is in the boot layer (the JVM started with {@code --add-modules jdk.incubator.vector}) and
     * {@value #VECTOR_PROPERTY} is not {@code false}.
     */
    public static final boolean VECTORISED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty(VECTOR_PROPERTY));
    /**
     * Particle·component·coordinate products ({@code (to − from)·k·d} per call) that {@link #denoisePrepared}
     * leaves to the plain-loop twin in each JVM before it hands calls to the vector twin. Until C2 has compiled
     * it, the vector twin runs interpreted or C1-compiled, where every vector operation allocates: the first
     * few thousand particles then cost seconds. Runs smaller than this never pay that; larger ones switch early
     * (2<sup>30</sup> is about 10<sup>6</sup> particle evaluations at d = 64, K = 16). Both give the same bits.
     */
    static final long VECTOR_AFTER_WORK = 1L << 30;
    private static final LongAdder PLAIN_WORK = new LongAdder();

    private GmmDenoiser() {
    }

    /** Length of the isotropic per-stage table for {@code k} components in dimension {@code d}. */
    public static int isotropicTableLength(int k, int d) {
        return 3 * k + 2 * k * d;
    }

    /** Length of the diagonal per-stage table for {@code k} components in dimension {@code d}. */
    public static int diagonalTableLength(int k, int d) {
        return k + 4 * k * d;
    }

    /**
     * Fills the isotropic per-stage table (layout in the class comment).
     *
     * @param means length {@code k*d}, component-major
     * @param vars  length-k component variances {@code s_c²}
     */
    public static void prepareIsotropic(int d, double alpha, double sigma, int k, double[] logWeights,
                                        double[] means, double[] vars, double[] table) {
        checkCommon(alpha, sigma, k, logWeights);
        KernelChecks.minLength("means", means, (long) k * d, "k*d");
        KernelChecks.minLength("vars", vars, k, "k");
        KernelChecks.minLength("table", table, isotropicTableLength(k, d), "3k + 2kd");
        double a2 = alpha * alpha;
        double s2 = sigma * sigma;
        int kd = k * d;
        for (int c = 0; c < k; c++) {
            double cc = a2 * vars[c] + s2;
            double nh = -0.5 / cc;
            double w = alpha / cc;
            double f = s2 / cc;
            double m2 = 0.0;
            for (int j = 0; j < d; j++) {
                double mu = means[c * d + j];
                m2 = m2 + mu * mu;
                table[3 * k + j * k + c] = w * mu;
                table[3 * k + kd + j * k + c] = f * mu;
            }
            table[c] = (logWeights[c] - (0.5 * d) * PortableMath.log(cc)) + nh * (a2 * m2);
            table[k + c] = nh;
            table[2 * k + c] = (alpha * vars[c]) / cc;
        }
    }

    /**
     * Fills the diagonal per-stage table (layout in the class comment).
     *
     * @param means length {@code k*d}, component-major
     * @param vars  length {@code k*d} component variances {@code v_cj}, component-major
     */
    public static void prepareDiagonal(int d, double alpha, double sigma, int k, double[] logWeights,
                                       double[] means, double[] vars, double[] table) {
        checkCommon(alpha, sigma, k, logWeights);
        KernelChecks.minLength("means", means, (long) k * d, "k*d");
        KernelChecks.minLength("vars", vars, (long) k * d, "k*d");
        KernelChecks.minLength("table", table, diagonalTableLength(k, d), "k + 4kd");
        double a2 = alpha * alpha;
        double s2 = sigma * sigma;
        int kd = k * d;
        for (int c = 0; c < k; c++) {
            double logDet = 0.0;
            double quad = 0.0;
            for (int j = 0; j < d; j++) {
                int cj = c * d + j;
                int jc = j * k + c;
                double cc = a2 * vars[cj] + s2;
                double nh = -0.5 / cc;
                double mu = means[cj];
                double amu = alpha * mu;
                logDet = logDet + PortableMath.log(cc);
                quad = quad + nh * (amu * amu);
                table[k + jc] = nh;
                table[k + kd + jc] = (alpha / cc) * mu;
                table[k + 2 * kd + jc] = (s2 / cc) * mu;
                table[k + 3 * kd + jc] = (alpha * vars[cj]) / cc;
            }
            table[c] = (logWeights[c] - 0.5 * logDet) + quad;
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
        double[] table = new double[isotropicTableLength(k, d)];
        prepareIsotropic(d, alpha, sigma, k, logWeights, means, vars, table);
        denoisePrepared(false, n, d, from, to, k, table, x, out);
    }

    /**
     * GMM denoiser with diagonal components {@code Σ_c = diag(vars[c*d .. c*d+d-1])}, on particles
     * {@code [from, to)}.
     */
    public static void denoiseDiagonal(int n, int d, int from, int to, double alpha, double sigma,
                                       int k, double[] logWeights, double[] means, double[] vars,
                                       double[] x, double[] out) {
        double[] table = new double[diagonalTableLength(k, d)];
        prepareDiagonal(d, alpha, sigma, k, logWeights, means, vars, table);
        denoisePrepared(true, n, d, from, to, k, table, x, out);
    }

    /**
     * Applies the denoiser with a table from {@link #prepareIsotropic} ({@code diagonal == false})
     * or {@link #prepareDiagonal} ({@code diagonal == true}).
     */
    public static void denoisePrepared(boolean diagonal, int n, int d, int from, int to, int k,
                                       double[] table, double[] x, double[] out) {
        KernelChecks.range(n, d, from, to);
        if (k < 1) {
            throw new IllegalArgumentException("component count k=" + k + " must be >= 1");
        }
        KernelChecks.minLength("table", table,
                diagonal ? diagonalTableLength(k, d) : isotropicTableLength(k, d),
                diagonal ? "k + 4kd" : "3k + 2kd");
        KernelChecks.length("x", x, n, d);
        KernelChecks.length("out", out, n, d);
        int start = from;
        if (VECTORISED) {
            if (PLAIN_WORK.sum() >= VECTOR_AFTER_WORK) {
                start = GmmDenoiserVector.denoise(diagonal, n, d, from, to, k, table, x, out);
            } else {
                PLAIN_WORK.add((long) (to - from) * k * d);
            }
        }
        if (start < to) {
            denoisePlain(diagonal, n, d, start, to, k, table, x, out);
        }
    }

    /**
     * The plain-loop twin (what runs without {@code jdk.incubator.vector}, and on the particles after the vector
     * twin's last full vector): tiles of {@value #TILE} particles, the tile's coordinates copied into one array
     * per coordinate so that every inner loop indexes all its arrays by the particle alone (C2 vectorises such
     * loops; with offsets into one array it cannot rule out overlap and stays scalar). Logits and output sums
     * take {@value #UNROLL} coordinates (components) per pass over the tile, in the documented order.
     */
    static void denoisePlain(boolean diagonal, int n, int d, int from, int to, int k, double[] table, double[] x,
                             double[] out) {
        final int kd = k * d;
        final int wOff = diagonal ? k + kd : 3 * k;
        final int fOff = diagonal ? k + 2 * kd : 3 * k + kd;
        final int gOff = k + 3 * kd;
        final double[][] xt = new double[d][TILE];
        final double[][] lg = new double[k][TILE];
        final double[] pp = new double[TILE];
        final double[] gs = new double[TILE];
        final double[] f = new double[TILE];
        final double[] g = new double[TILE];
        for (int i0 = from; i0 < to; i0 += TILE) {
            final int m = Math.min(TILE, to - i0);
            for (int j = 0; j < d; j++) {
                System.arraycopy(x, j * n + i0, xt[j], 0, m);
            }
            // 1. logits: a_c = Σ_j fma(W_jc, x_j, a_c) (diagonal: then fma(NH_jc, x_j², ·)); ‖x‖² (isotropic)
            if (!diagonal) {
                Arrays.fill(pp, 0.0);
                for (int j = 0; j < d; j++) {
                    squares(xt[j], pp, m);
                }
            }
            for (int c = 0; c < k; c++) {
                final double[] l = lg[c];
                Arrays.fill(l, 0.0);
                int j = 0;
                if (!diagonal) {
                    for (; j + UNROLL <= d; j += UNROLL) {
                        fma8(l, m, xt, j, table, wOff + j * k + c, k);
                    }
                }
                for (; j < d; j++) {
                    final double w = table[wOff + j * k + c];
                    final double[] xj = xt[j];
                    if (diagonal) {
                        final double h = table[k + j * k + c];
                        for (int t = 0; t < m; t++) {
                            final double xv = xj[t];
                            l[t] = Math.fma(h, xv * xv, Math.fma(w, xv, l[t]));
                        }
                    } else {
                        for (int t = 0; t < m; t++) {
                            l[t] = Math.fma(w, xj[t], l[t]);
                        }
                    }
                }
                final double bias = table[c];
                if (diagonal) {
                    for (int t = 0; t < m; t++) {
                        l[t] = bias + l[t];
                    }
                } else {
                    final double nh = table[k + c];
                    for (int t = 0; t < m; t++) {
                        l[t] = Math.fma(nh, pp[t], bias + l[t]);
                    }
                }
            }
            // 2. responsibilities r_c = exp(l_c − max) / Σ, and gs = Σ_c fma(g_c, r_c, gs) (isotropic)
            for (int t = 0; t < m; t++) {
                double mx = lg[0][t];
                for (int c = 1; c < k; c++) {
                    mx = Math.max(mx, lg[c][t]);
                }
                double s = 0.0;
                for (int c = 0; c < k; c++) {
                    final double e = PortableMath.expNonPositive(lg[c][t] - mx);
                    lg[c][t] = e;
                    s = s + e;
                }
                final double inv = 1.0 / s;
                double gsum = 0.0;
                for (int c = 0; c < k; c++) {
                    final double r = lg[c][t] * inv;
                    lg[c][t] = r;
                    if (!diagonal) {
                        gsum = Math.fma(table[2 * k + c], r, gsum);
                    }
                }
                gs[t] = gsum;
            }
            // 3. D_j = fma(gs(_j), x_j, Σ_c fma(F_jc, r_c, ·))
            for (int j = 0; j < d; j++) {
                Arrays.fill(f, 0.0);
                int c = 0;
                for (; c + UNROLL <= k; c += UNROLL) {
                    fma8(f, m, lg, c, table, fOff + j * k + c, 1);
                }
                for (; c < k; c++) {
                    final double fc = table[fOff + j * k + c];
                    final double[] r = lg[c];
                    for (int t = 0; t < m; t++) {
                        f[t] = Math.fma(fc, r[t], f[t]);
                    }
                }
                double[] slope = gs;
                if (diagonal) {
                    Arrays.fill(g, 0.0);
                    for (c = 0; c < k; c++) {
                        final double gc = table[gOff + j * k + c];
                        final double[] r = lg[c];
                        for (int t = 0; t < m; t++) {
                            g[t] = Math.fma(gc, r[t], g[t]);
                        }
                    }
                    slope = g;
                }
                final double[] xj = xt[j];
                for (int t = 0; t < m; t++) {
                    f[t] = Math.fma(slope[t], xj[t], f[t]);
                }
                System.arraycopy(f, 0, out, j * n + i0, m);
            }
        }
    }

    private static void squares(double[] xj, double[] pp, int m) {
        for (int t = 0; t < m; t++) {
            pp[t] = Math.fma(xj[t], xj[t], pp[t]);
        }
    }

    /**
     * {@code acc[t] = fma(w_7, v_{q+7}[t], … fma(w_0, v_q[t], acc[t]))} for t &lt; m, with
     * {@code w_u = table[at + u·stride]}: eight steps of an ascending sum per pass over the tile.
     */
    private static void fma8(double[] acc, int m, double[][] v, int q, double[] table, int at,
                             int stride) {
        final double w0 = table[at];
        final double w1 = table[at + stride];
        final double w2 = table[at + 2 * stride];
        final double w3 = table[at + 3 * stride];
        final double w4 = table[at + 4 * stride];
        final double w5 = table[at + 5 * stride];
        final double w6 = table[at + 6 * stride];
        final double w7 = table[at + 7 * stride];
        final double[] v0 = v[q];
        final double[] v1 = v[q + 1];
        final double[] v2 = v[q + 2];
        final double[] v3 = v[q + 3];
        final double[] v4 = v[q + 4];
        final double[] v5 = v[q + 5];
        final double[] v6 = v[q + 6];
        final double[] v7 = v[q + 7];
        for (int t = 0; t < m; t++) {
            double a = acc[t];
            a = Math.fma(w0, v0[t], a);
            a = Math.fma(w1, v1[t], a);
            a = Math.fma(w2, v2[t], a);
            a = Math.fma(w3, v3[t], a);
            a = Math.fma(w4, v4[t], a);
            a = Math.fma(w5, v5[t], a);
            a = Math.fma(w6, v6[t], a);
            a = Math.fma(w7, v7[t], a);
            acc[t] = a;
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
