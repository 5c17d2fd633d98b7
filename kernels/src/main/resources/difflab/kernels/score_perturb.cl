/*
 * Perturbed score of difflab.target.PerturbedScoreTarget, applied after any family's stage kernel.
 * Twin: difflab.kernels.ScorePerturbationKernel (formula and operation order there):
 *
 *   M[j*n+i] = M[j*n+i] + scale * sin(FREQ[j] * P[j*n+i] + PHASE[j]),   scale = (sigma^2/alpha) * eta * sqrt(2/d)
 *
 * P holds the stage point the denoiser was evaluated at and M its denoised value. Grid (n/VW) x d.
 */
KERNEL score_perturb(const int n, const int d, const REAL scale, GLOBAL const REAL* RESTRICT FREQ,
                     GLOBAL const REAL* RESTRICT PHASE, GLOBAL const REAL* RESTRICT P,
                     GLOBAL REAL* RESTRICT M) {
    const size_t i = GID(0) * VW;
    const size_t j = GID(1);
    if (i >= (size_t)n || j >= (size_t)d) return;
    const size_t e = j * (size_t)n + i;
    const REALV shift = scale * sin(FREQ[j] * VL(P, e) + PHASE[j]);
    VS(VL(M, e) + shift, M, e);
}
