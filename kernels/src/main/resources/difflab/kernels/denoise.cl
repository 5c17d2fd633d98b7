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

/* Gaussian, diagonal covariance: D_j = mu_j + g_j (p_j - alpha mu_j). Grid (n/VW) x ceil(d/2). */
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
    const REAL mu0 = MEAN[2 * b];
    VS(mu0 + GAIN[2 * b] * (p0 - alpha * mu0), M, e0);
    if (has1) {
        const REAL mu1 = MEAN[2 * b + 1];
        VS(mu1 + GAIN[2 * b + 1] * (p1 - alpha * mu1), M, e1);
    }
}

/* Isotropic mixture table (3k): bias, halfInv, gain. One work-item per component. */
KERNEL gmm_iso_prepare(const int d, const int k, const REAL alpha, const REAL sigma,
                       GLOBAL const REAL* RESTRICT LOGW, GLOBAL const REAL* RESTRICT VARS,
                       GLOBAL REAL* RESTRICT TABLE) {
    const size_t c = GID(0);
    if (c >= (size_t)k) return;
    const REAL a2 = alpha * alpha;
    const REAL s2 = sigma * sigma;
    const REAL halfD = RC(0.5) * (REAL)d;
    const REAL cc = a2 * VARS[c] + s2;
    TABLE[c] = LOGW[c] - halfD * log(cc);
    TABLE[k + c] = RC(0.5) / cc;
    TABLE[2 * k + c] = (alpha * VARS[c]) / cc;
}

/* Diagonal mixture table (k + 2kd): bias, halfInv[c*d+j], gain[c*d+j]. One work-item per component. */
KERNEL gmm_diag_prepare(const int d, const int k, const REAL alpha, const REAL sigma,
                        GLOBAL const REAL* RESTRICT LOGW, GLOBAL const REAL* RESTRICT VARS,
                        GLOBAL REAL* RESTRICT TABLE) {
    const size_t c = GID(0);
    if (c >= (size_t)k) return;
    const REAL a2 = alpha * alpha;
    const REAL s2 = sigma * sigma;
    const size_t kd = (size_t)k * (size_t)d;
    REAL logDet = RC(0);
    for (int j = 0; j < d; j++) {
        const size_t cj = c * (size_t)d + (size_t)j;
        const REAL cc = a2 * VARS[cj] + s2;
        logDet = logDet + log(cc);
        TABLE[(size_t)k + cj] = RC(0.5) / cc;
        TABLE[(size_t)k + kd + cj] = (alpha * VARS[cj]) / cc;
    }
    TABLE[c] = LOGW[c] - RC(0.5) * logDet;
}

/*
 * Mixture stage body, one work-item per VW particles (grid n/VW). The stage point is written into M
 * first (and P if asked), the logits are read from it, and M is then overwritten in place by D:
 * D_j depends only on p_j and the responsibilities, so p needs no scratch buffer.
 */
DEVFN void gmm_stage(const int diagonal, const int n, const int d, COMBO_PARAMS, const REAL alpha,
                     const int k, GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TABLE,
                     GLOBAL REAL* RESTRICT M, const int writeP, GLOBAL REAL* P) {
    const size_t i = GID(0) * VW;
    if (i >= (size_t)n) return;
    const size_t nn = (size_t)n;
    for (U32 b = 0; 2 * b < (U32)d; b++) {
        const size_t e0 = (size_t)(2 * b) * nn + i;
        const int has1 = 2 * b + 1 < (U32)d;
        const size_t e1 = has1 ? e0 + nn : e0;
        REALV p0, p1;
        combo_pair(COMBO_ARGS, i, b, e0, e1, has1, &p0, &p1);
        VS(p0, M, e0);
        if (has1) VS(p1, M, e1);
        if (writeP) { VS(p0, P, e0); if (has1) VS(p1, P, e1); }
    }
    const size_t kd = (size_t)k * (size_t)d;
    REALV lg[GMM_MAX_K];
    REALV mx = VSPLAT(0);
    for (int c = 0; c < k; c++) {
        REALV q = VSPLAT(0);
        for (int j = 0; j < d; j++) {
            const size_t cj = (size_t)c * (size_t)d + (size_t)j;
            const REALV diff = VL(M, (size_t)j * nn + i) - alpha * MEANS[cj];
            if (diagonal) q = q + (diff * diff) * TABLE[(size_t)k + cj];
            else          q = q + diff * diff;
        }
        const REALV l = diagonal ? TABLE[c] - q : TABLE[c] - TABLE[k + c] * q;
        lg[c] = l;
        mx = (c == 0) ? l : fmax(mx, l);
    }
    REALV sum = VSPLAT(0);
    for (int c = 0; c < k; c++) {
        const REALV w = exp(lg[c] - mx);
        lg[c] = w;
        sum = sum + w;
    }
    for (int j = 0; j < d; j++) {
        const size_t e = (size_t)j * nn + i;
        const REALV xj = VL(M, e);
        REALV acc = VSPLAT(0);
        for (int c = 0; c < k; c++) {
            const size_t cj = (size_t)c * (size_t)d + (size_t)j;
            const REAL mu = MEANS[cj];
            const REAL g = diagonal ? TABLE[(size_t)k + kd + cj] : TABLE[2 * k + c];
            acc = acc + lg[c] * (mu + g * (xj - alpha * mu));
        }
        VS(acc / sum, M, e);
    }
}

KERNEL stage_gmm_iso(const int n, const int d, COMBO_PARAMS, const REAL alpha, const int k,
                     GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TABLE,
                     GLOBAL REAL* RESTRICT M, const int writeP, GLOBAL REAL* P) {
    gmm_stage(0, n, d, COMBO_ARGS, alpha, k, MEANS, TABLE, M, writeP, P);
}

KERNEL stage_gmm_diag(const int n, const int d, COMBO_PARAMS, const REAL alpha, const int k,
                      GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TABLE,
                      GLOBAL REAL* RESTRICT M, const int writeP, GLOBAL REAL* P) {
    gmm_stage(1, n, d, COMBO_ARGS, alpha, k, MEANS, TABLE, M, writeP, P);
}
