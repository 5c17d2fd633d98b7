/*
 * Fused stage kernels: p = combination (combine.cl), then M = D(p; alpha, sigma) for one target
 * family, with the per-stage tables filled first by the matching *_prepare kernel. Twins:
 * difflab.kernels.GaussianDiagDenoiser and difflab.kernels.GmmDenoiser (formulas, table layouts
 * and operation order are documented there; ALGORITHMS.md section 7.1).
 *
 * Outputs: M[j*n+i] = D_j(p_i) always; P[j*n+i] = p_i only when writeP != 0 (P may then be any
 * buffer). M and P must not alias X or a term.
 */

#ifndef GMM_MAX_K
#define GMM_MAX_K 64   /* the host passes -DGMM_MAX_K=<k> for mixture targets */
#endif

/* gain[j] = (alpha*v_j) / ((alpha*alpha)*v_j + sigma*sigma), j < d. */
KERNEL gauss_diag_prepare(const int d, const REAL alpha, const REAL sigma,
                          GLOBAL const REAL* RESTRICT VAR, GLOBAL REAL* RESTRICT GAIN) {
    const size_t j = GID(0);
    if (j >= (size_t)d) return;
    const REAL a2 = alpha * alpha;
    const REAL s2 = sigma * sigma;
    GAIN[j] = (alpha * VAR[j]) / (a2 * VAR[j] + s2);
}

/* Gaussian, diagonal covariance: D_j = mu_j + g_j (p_j - alpha mu_j), any lane type (also FORS). */
#define GAUSS_DIAG_D(mu, g, alpha, p) ((mu) + (g) * ((p) - (alpha) * (mu)))

/* Gaussian stage kernel. Grid (n/VW) x ceil(d/2). */
KERNEL stage_gauss_diag(const int n, const int d, COMBO_PARAMS, const REAL alpha,
                        GLOBAL const REAL* RESTRICT MEAN, GLOBAL const REAL* RESTRICT GAIN,
                        GLOBAL REAL* RESTRICT M, const int writeP, GLOBAL REAL* P) {
    const size_t i = GID(0) * VW;
    const U32 b = (U32)GID(1);
    if (i >= (size_t)n || 2 * b >= (U32)d) return;
    const size_t e0 = (size_t)(2 * b) * (size_t)n + i;
    const int has1 = 2 * b + 1 < (U32)d;
    const size_t e1 = has1 ? e0 + (size_t)n : e0;
    REALV p0, p1;
    combo_pair(COMBO_ARGS, i, b, e0, e1, has1, &p0, &p1);
    if (writeP) { VS(p0, P, e0); if (has1) VS(p1, P, e1); }
    VS(GAUSS_DIAG_D(MEAN[2 * b], GAIN[2 * b], alpha, p0), M, e0);
    if (has1) VS(GAUSS_DIAG_D(MEAN[2 * b + 1], GAIN[2 * b + 1], alpha, p1), M, e1);
}

/*
 * Mixture tables (twin: GmmDenoiser.prepareIsotropic / prepareDiagonal; ALGORITHMS.md section 7.1).
 * With C = (alpha*alpha)*v + sigma*sigma, nh = -0.5/C and the point p, the logit of component c is
 *   l_c = log pi_c - 0.5 sum_j log C_cj - 0.5 sum_j (p_j - alpha mu_cj)^2 / C_cj
 *       = bias'_c + sum_j W_jc p_j + sum_j NH_jc p_j^2          (matmul form, W = (alpha/C) mu)
 * and the output is folded as D_j = sum_c r_c F_jc + (sum_c r_c G_jc) p_j with F = (sigma^2/C) mu
 * (= (1 - alpha g) mu) and G = g = alpha v / C. Per-coordinate tables are coordinate-major
 * (X[j*k + c]) so that one coordinate's K entries are contiguous.
 *   isotropic (3k + 2kd): bias'[c], nh[c], g[c], W[j*k+c], F[j*k+c]
 *   diagonal  (k + 4kd):  bias'[c], NH[j*k+c], W[j*k+c], F[j*k+c], G[j*k+c]
 * One work-item per component.
 */
KERNEL gmm_iso_prepare(const int d, const int k, const REAL alpha, const REAL sigma,
                       GLOBAL const REAL* RESTRICT LOGW, GLOBAL const REAL* RESTRICT VARS,
                       GLOBAL const REAL* RESTRICT MEANS, GLOBAL REAL* RESTRICT TABLE) {
    const size_t c = GID(0);
    if (c >= (size_t)k) return;
    const size_t kk = (size_t)k;
    const size_t kd = kk * (size_t)d;
    const REAL a2 = alpha * alpha;
    const REAL s2 = sigma * sigma;
    const REAL cc = a2 * VARS[c] + s2;
    const REAL nh = RC(-0.5) / cc;
    const REAL w = alpha / cc;
    const REAL f = s2 / cc;
    REAL m2 = RC(0);
    for (int j = 0; j < d; j++) {
        const REAL mu = MEANS[c * (size_t)d + (size_t)j];
        m2 = m2 + mu * mu;
        TABLE[3 * kk + (size_t)j * kk + c] = w * mu;
        TABLE[3 * kk + kd + (size_t)j * kk + c] = f * mu;
    }
    TABLE[c] = (LOGW[c] - (RC(0.5) * (REAL)d) * dl_log(cc)) + nh * (a2 * m2);
    TABLE[kk + c] = nh;
    TABLE[2 * kk + c] = (alpha * VARS[c]) / cc;
}

KERNEL gmm_diag_prepare(const int d, const int k, const REAL alpha, const REAL sigma,
                        GLOBAL const REAL* RESTRICT LOGW, GLOBAL const REAL* RESTRICT VARS,
                        GLOBAL const REAL* RESTRICT MEANS, GLOBAL REAL* RESTRICT TABLE) {
    const size_t c = GID(0);
    if (c >= (size_t)k) return;
    const size_t kk = (size_t)k;
    const size_t kd = kk * (size_t)d;
    const REAL a2 = alpha * alpha;
    const REAL s2 = sigma * sigma;
    REAL logDet = RC(0);
    REAL quad = RC(0);
    for (int j = 0; j < d; j++) {
        const size_t cj = c * (size_t)d + (size_t)j;
        const size_t jc = (size_t)j * kk + c;
        const REAL cc = a2 * VARS[cj] + s2;
        const REAL nh = RC(-0.5) / cc;
        const REAL mu = MEANS[cj];
        const REAL amu = alpha * mu;
        logDet = logDet + dl_log(cc);
        quad = quad + nh * (amu * amu);
        TABLE[kk + jc] = nh;
        TABLE[kk + kd + jc] = (alpha / cc) * mu;
        TABLE[kk + 2 * kd + jc] = (s2 / cc) * mu;
        TABLE[kk + 3 * kd + jc] = (alpha * VARS[cj]) / cc;
    }
    TABLE[c] = (LOGW[c] - RC(0.5) * logDet) + quad;
}

/*
 * Register tiles. GMM_X8(S, ...) writes S(t, ...) out for t = 0..7, so each of a tile's eight accumulators is
 * a variable of its own (acc0..acc7) and every table offset is a constant: compilers keep such scalars in
 * registers, whereas a private array indexed in a loop (PoCL does not unroll it) lives in memory, and every
 * fma became a load, an fma and a store. GMM_TILE is the tile width (8; the code below writes eight lanes).
 */
#define GMM_TILE 8
#define GMM_X8(S, ...) S(0, __VA_ARGS__) S(1, __VA_ARGS__) S(2, __VA_ARGS__) S(3, __VA_ARGS__) \
                       S(4, __VA_ARGS__) S(5, __VA_ARGS__) S(6, __VA_ARGS__) S(7, __VA_ARGS__)
#define GMM_ZERO(t, T, SP, acc) T acc##t = SP(0);
/* index of lane t of a tile starting at t0: exact (full tiles) or clamped to lim-1 (the last, partial tile) */
#define GMM_IDX_FULL(t, t0, lim) const int ix##t = (t0) + t;
#define GMM_IDX_CLAMP(t, t0, lim) const int ix##t = (t0) + t < (lim) ? (t0) + t : (lim) - 1;
/* logits: acc_t = fma(row[ix_t], x, acc_t), row = one coordinate's K entries */
#define GMM_ROW_FMA(t, SP, row, x) acc##t = fma(SP((row)[ix##t]), (x), acc##t);
/* output: acc_t = fma(F[ix_t*k + c], r, acc_t) (aux_t likewise with G) */
#define GMM_COL_FMA(t, SP, acc, tab, kk, c, r) acc##t = fma(SP((tab)[(size_t)ix##t * (kk) + (c)]), (r), acc##t);

/*
 * One tile of GMM_TILE components of the logits (components c0 .. c0+7, indices from IDX): one pass over the
 * point; then lg[c] = bias'_c + a_c, plus nh_c*pp (isotropic), for the tile's components below k.
 */
#define GMM_LOGIT_TILE(T, LD, SP, IDX)                                                            \
    {                                                                                              \
        GMM_X8(IDX, c0, k)                                                                         \
        GMM_X8(GMM_ZERO, T, SP, acc)                                                               \
        for (int j = 0; j < d; j++) {                                                              \
            const T pj = LD(P, (size_t)j * stride + i);                                            \
            GLOBAL const REAL* wj = W + (size_t)j * kk;                                            \
            GMM_X8(GMM_ROW_FMA, SP, wj, pj)                                                        \
            if (diagonal) {                                                                        \
                const T q = pj * pj;                                                               \
                GLOBAL const REAL* hj = NH + (size_t)j * kk;                                       \
                GMM_X8(GMM_ROW_FMA, SP, hj, q)                                                     \
            }                                                                                      \
        }                                                                                          \
        GMM_X8(GMM_LOGIT_STORE, T, SP)                                                             \
    }
#define GMM_LOGIT_STORE(t, T, SP)                                                                  \
    if (c0 + t < k) {                                                                              \
        const T b = TABLE[c0 + t] + acc##t;                                                        \
        lg[c0 + t] = diagonal ? b : fma(SP(TABLE[kk + c0 + t]), pp, b);                            \
    }

/*
 * One tile of GMM_TILE coordinates of the output (j0 .. j0+7, indices from IDX): one pass over the
 * responsibilities; then OUT = fma(gs or gs_j, p_j, f_j) for the tile's coordinates below d.
 */
#define GMM_OUTPUT_TILE(T, LD, ST, SP, IDX)                                                        \
    {                                                                                              \
        GMM_X8(IDX, j0, d)                                                                         \
        GMM_X8(GMM_ZERO, T, SP, acc)                                                               \
        GMM_X8(GMM_ZERO, T, SP, aux)                                                               \
        for (int c = 0; c < k; c++) {                                                              \
            const T r = lg[c];                                                                     \
            GMM_X8(GMM_COL_FMA, SP, acc, F, kk, c, r)                                              \
            if (diagonal) {                                                                        \
                GMM_X8(GMM_COL_FMA, SP, aux, G, kk, c, r)                                          \
            }                                                                                      \
        }                                                                                          \
        GMM_X8(GMM_OUTPUT_STORE, LD, ST)                                                           \
    }
#define GMM_OUTPUT_STORE(t, LD, ST)                                                                \
    if (j0 + t < d) {                                                                              \
        const size_t e = (size_t)(j0 + t) * stride + i;                                            \
        ST(fma(diagonal ? aux##t : gs, LD(P, e), acc##t), OUT, e);                                 \
    }

/*
 * The mixture denoiser of one point held coordinate-major at P[j*stride + i], written once for a
 * lane type T (REALV: VW particles per work-item, the stage kernels; REAL: one particle, FORS) and
 * instantiated below as gmm_*_v and gmm_*_s. Every multiply-add is an explicit fma (one rounding, as
 * Math.fma in the twin); all other operations round separately (FP_CONTRACT off).
 *
 * gmm_logits: lg[c] = l_c, c < k; j ascending a_c = fma(W_jc, p_j, a_c) (diagonal: then
 *   a_c = fma(NH_jc, p_j*p_j, a_c)); l_c = fma(nh_c, pp, bias'_c + a_c) (isotropic, pp = ||p||^2
 *   accumulated by fma(p_j, p_j, pp)) or bias'_c + a_c (diagonal). GMM_TILE components share one pass
 *   over p (full tiles first; in a last, partial tile the reads past k are clamped to component k-1 and
 *   discarded).
 * gmm_normalise: m = max_c l_c (c ascending), e_c = dl_expnp(l_c - m) (prelude.h), S = sum_c e_c, r_c = e_c * (1/S)
 *   into lg; returns gs = sum_c fma(g_c, r_c, gs) (isotropic; 0 for diagonal).
 * gmm_output: OUT[j*stride+i] = fma(gs_j, p_j, f_j), f_j = sum_c fma(F_jc, r_c, f_j) and (diagonal)
 *   gs_j = sum_c fma(G_jc, r_c, gs_j), c ascending; GMM_TILE coordinates per pass over the
 *   responsibilities (partial last tile clamped likewise). OUT may be P.
 * The tiling changes which values share a pass, never a particle's operations or their order.
 */
#define GMM_DENOISER(SUF, T, LD, ST, SP)                                                          \
DEVFN void gmm_logits##SUF(const int diagonal, const int d, const int k,                          \
                           GLOBAL const REAL* RESTRICT TABLE, GLOBAL const REAL* P,                 \
                           const size_t stride, const size_t i, const T pp, T* lg) {               \
    const size_t kk = (size_t)k;                                                                   \
    const size_t kd = kk * (size_t)d;                                                              \
    GLOBAL const REAL* W = TABLE + (diagonal ? kk + kd : 3 * kk);                                  \
    GLOBAL const REAL* NH = TABLE + kk;                                                            \
    int c0 = 0;                                                                                    \
    for (; c0 + GMM_TILE <= k; c0 += GMM_TILE) GMM_LOGIT_TILE(T, LD, SP, GMM_IDX_FULL)             \
    if (c0 < k) GMM_LOGIT_TILE(T, LD, SP, GMM_IDX_CLAMP)                                           \
}                                                                                                  \
DEVFN T gmm_normalise##SUF(const int diagonal, const int k, GLOBAL const REAL* RESTRICT TABLE,     \
                           T* lg) {                                                                \
    T mx = lg[0];                                                                                  \
    for (int c = 1; c < k; c++) mx = fmax(mx, lg[c]);                                              \
    T sum = SP(0);                                                                                 \
    for (int c = 0; c < k; c++) {                                                                  \
        const T e = dl_expnp##SUF(lg[c] - mx);                                                      \
        lg[c] = e;                                                                                 \
        sum = sum + e;                                                                             \
    }                                                                                              \
    const T inv = SP(1) / sum;                                                                     \
    T gs = SP(0);                                                                                  \
    for (int c = 0; c < k; c++) {                                                                  \
        const T r = lg[c] * inv;                                                                   \
        lg[c] = r;                                                                                 \
        if (!diagonal) gs = fma(SP(TABLE[2 * (size_t)k + c]), r, gs);                              \
    }                                                                                              \
    return gs;                                                                                     \
}                                                                                                  \
DEVFN void gmm_output##SUF(const int diagonal, const int d, const int k,                          \
                           GLOBAL const REAL* RESTRICT TABLE, const T* lg, const T gs,             \
                           GLOBAL const REAL* P, const size_t stride, const size_t i, GLOBAL REAL* OUT) { \
    const size_t kk = (size_t)k;                                                                   \
    const size_t kd = kk * (size_t)d;                                                              \
    GLOBAL const REAL* F = TABLE + (diagonal ? kk + 2 * kd : 3 * kk + kd);                         \
    GLOBAL const REAL* G = TABLE + kk + 3 * kd;                                                    \
    int j0 = 0;                                                                                    \
    for (; j0 + GMM_TILE <= d; j0 += GMM_TILE) GMM_OUTPUT_TILE(T, LD, ST, SP, GMM_IDX_FULL)        \
    if (j0 < d) GMM_OUTPUT_TILE(T, LD, ST, SP, GMM_IDX_CLAMP)                                      \
}
#define GMM_SL(p, e) ((p)[(e)])
#define GMM_SS(v, p, e) ((p)[(e)] = (v))
#define GMM_SSPLAT(x) ((REAL)(x))
GMM_DENOISER(_v, REALV, VL, VS, VSPLAT)
#if VW != 1
GMM_DENOISER(_s, REAL, GMM_SL, GMM_SS, GMM_SSPLAT)
#else
/* with VW == 1 the lane type is REAL: the scalar functions are the vector ones */
#define gmm_logits_s gmm_logits_v
#define gmm_normalise_s gmm_normalise_v
#define gmm_output_s gmm_output_v
#endif

/*
 * Mixture stage, one work-item per VW particles (grid n/VW). First the stage point is combined once from X
 * and the terms (reading each of them once) into M (and P if asked); then each work-item computes its
 * particles' logits, responsibilities and output from M (cache-resident) and overwrites M in place by D.
 * MEANS is read by the prepare kernels only (folded into the table).
 *
 * Who combines which rows is the build's choice:
 *  - default (GPUs, CUDA): each work-item combines its own VW particles, all d coordinates (coalesced
 *    across the work-items of a warp), and accumulates the squared norm pp on the way;
 *  - GMM_GROUP_ROWS (CPU builds): the work-items of a group of L combine whole row pairs of the group's
 *    L*VW particles (work-item w: pairs b = w, w + L, ...) and meet at a barrier; each then reads its
 *    particles' rows back for pp. A CPU driver runs a group's work-items one after the other on one
 *    thread, so instead of 3d interleaved row streams per work-item (X, a term, M: more than a hardware
 *    prefetcher follows) the rows are streamed one after the other, and the group's rows are still in the
 *    cache when its work-items denoise them.
 * Either way pp = fma(p_j, p_j, pp) over j ascending, so the results do not depend on the choice.
 */
DEVFN REALV gmm_stage_combine(const size_t i, const size_t nn, const int d, COMBO_PARAMS,
                              GLOBAL REAL* RESTRICT M, const int writeP, GLOBAL REAL* P) {
    REALV pp = VSPLAT(0);
    for (U32 b = 0; 2 * b < (U32)d; b++) {
        const size_t e0 = (size_t)(2 * b) * nn + i;
        const int has1 = 2 * b + 1 < (U32)d;
        const size_t e1 = has1 ? e0 + nn : e0;
        REALV p0, p1;
        combo_pair(COMBO_ARGS, i, b, e0, e1, has1, &p0, &p1);
        VS(p0, M, e0);
        pp = fma(p0, p0, pp);
        if (has1) {
            VS(p1, M, e1);
            pp = fma(p1, p1, pp);
        }
        if (writeP) { VS(p0, P, e0); if (has1) VS(p1, P, e1); }
    }
    return pp;
}

#ifdef GMM_GROUP_ROWS
/* The rows of the work-group's particles, pair by pair (see above); every work-item of the group calls it. */
DEVFN void gmm_stage_combine_rows(const size_t nn, const int d, COMBO_PARAMS, GLOBAL REAL* RESTRICT M,
                                  const int writeP, GLOBAL REAL* P) {
    const size_t items = get_local_size(0);
    const size_t g0 = get_group_id(0) * items * VW;
    const size_t g1 = min(nn, g0 + items * VW);
    for (U32 b = (U32)get_local_id(0); 2 * b < (U32)d; b += (U32)items) {
        const size_t r0 = (size_t)(2 * b) * nn;
        const int has1 = 2 * b + 1 < (U32)d;
        const size_t r1 = has1 ? r0 + nn : r0;
        for (size_t q = g0; q < g1; q += VW) {
            REALV p0, p1;
            combo_pair(COMBO_ARGS, q, b, r0 + q, r1 + q, has1, &p0, &p1);
            VS(p0, M, r0 + q);
            if (has1) VS(p1, M, r1 + q);
            if (writeP) { VS(p0, P, r0 + q); if (has1) VS(p1, P, r1 + q); }
        }
    }
    barrier(CLK_GLOBAL_MEM_FENCE);
}
#endif

DEVFN void gmm_stage(const int diagonal, const int n, const int d, COMBO_PARAMS, const int k,
                     GLOBAL const REAL* RESTRICT TABLE, GLOBAL REAL* RESTRICT M, const int writeP,
                     GLOBAL REAL* P) {
    const size_t nn = (size_t)n;
    const size_t i = GID(0) * VW;
#ifdef GMM_GROUP_ROWS
    gmm_stage_combine_rows(nn, d, COMBO_ARGS, M, writeP, P);
    if (i >= nn) return;
    REALV pp = VSPLAT(0);
    for (int j = 0; j < d; j++) {
        const REALV p = VL(M, (size_t)j * nn + i);
        pp = fma(p, p, pp);
    }
#else
    if (i >= nn) return;
    const REALV pp = gmm_stage_combine(i, nn, d, COMBO_ARGS, M, writeP, P);
#endif
    REALV lg[GMM_MAX_K];
    gmm_logits_v(diagonal, d, k, TABLE, M, nn, i, pp, lg);
    const REALV gs = gmm_normalise_v(diagonal, k, TABLE, lg);
    gmm_output_v(diagonal, d, k, TABLE, lg, gs, M, nn, i, M);
}

KERNEL stage_gmm_iso(const int n, const int d, COMBO_PARAMS, const REAL alpha, const int k,
                     GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TABLE,
                     GLOBAL REAL* RESTRICT M, const int writeP, GLOBAL REAL* P) {
    gmm_stage(0, n, d, COMBO_ARGS, k, TABLE, M, writeP, P);
}

KERNEL stage_gmm_diag(const int n, const int d, COMBO_PARAMS, const REAL alpha, const int k,
                      GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TABLE,
                      GLOBAL REAL* RESTRICT M, const int writeP, GLOBAL REAL* P) {
    gmm_stage(1, n, d, COMBO_ARGS, k, TABLE, M, writeP, P);
}
