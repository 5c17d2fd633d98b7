/*
 * Fused stage kernel of the rotated full-covariance Gaussian N(mu, U diag(lambda) U^T). Twin:
 * difflab.kernels.GaussianFullDenoiser (formula, layouts and operation order are documented there):
 *
 *   D(p) = mu + U diag(g) U^T (p - alpha mu),   g_k = alpha lambda_k / (alpha^2 lambda_k + sigma^2)
 *
 * The gains come from gauss_diag_prepare (denoise.cl) with VAR = the eigenvalues lambda. BASIS is
 * row-major d x d with the eigenvectors as columns: BASIS[r*d + k] = U[r][k].
 *
 * One work-item per VW particles (grid n/VW). The stage point p is written into M first (and P when
 * writeP != 0), the eigen-coordinates y_k = g_k * sum_r U[r][k] (p_r - alpha mu_r) into the scratch
 * Y (n*d, row stride n), and D then overwrites M. M, P and Y must not alias X, a term or each other.
 */
KERNEL stage_gauss_full(const int n, const int d, COMBO_PARAMS, const REAL alpha,
                        GLOBAL const REAL* RESTRICT MEAN, GLOBAL const REAL* RESTRICT BASIS,
                        GLOBAL const REAL* RESTRICT GAIN, GLOBAL REAL* RESTRICT M,
                        const int writeP, GLOBAL REAL* P, GLOBAL REAL* RESTRICT Y) {
    const size_t i = GID(0) * VW;
    if (i >= (size_t)n) return;
    const size_t nn = (size_t)n;
    const size_t dd = (size_t)d;
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
    for (size_t k = 0; k < dd; k++) {
        REALV sum = VSPLAT(0);
        for (size_t r = 0; r < dd; r++) {
            const REALV centred = VL(M, r * nn + i) - alpha * MEAN[r];
            sum = sum + BASIS[r * dd + k] * centred;
        }
        VS(GAIN[k] * sum, Y, k * nn + i);
    }
    for (size_t r = 0; r < dd; r++) {
        REALV sum = VSPLAT(0);
        for (size_t k = 0; k < dd; k++) {
            sum = sum + BASIS[r * dd + k] * VL(Y, k * nn + i);
        }
        VS(MEAN[r] + sum, M, r * nn + i);
    }
}
