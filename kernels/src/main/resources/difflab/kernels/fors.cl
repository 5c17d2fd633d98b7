/*
 * First-order rejection sampling (FORS), one launch of the diffusion step's attempt loop. Twin:
 * difflab.fors.ForsStepKernel.launch (with FirstOrderRejection.tryAttempts, DiffusionStepProblem,
 * PoissonInversion); randomness exactly as difflab.fors.ForsNoise:
 *   counter = ((role << 28) | index, step, particle, 0x80000000 | attempt), key = seed halves.
 * Scalar code (one particle per work-item, whatever VW is), so it also compiles as CUDA C++.
 *
 * One work-item per pending slot p < count, particle i = PENDING[p]: up to `tries` attempts from
 * NEXT[i]. The proposal x = mean + omega*z is written straight into XOUT (scratch until accepted).
 * W = <s(y + U(x - y)) - s(y), x - y>, s(p) = (alpha*D(p) - p)/sigma^2, D from the target family's
 * table (filled by the *_prepare kernel of denoise.cl at (alphaTo, sigmaTo)), evaluated by the denoiser
 * functions of denoise.cl on the stage point in the scratch column PS[j*n + i] (no private array of
 * length d). ACC[p] = 1 accepted, 0 rejected,
 * -1 NaN estimate (the host fails loudly, as the Java twin throws). DRAWS[i] and ATTEMPTS[i]
 * accumulate over the run; NEXT[i] is the next attempt index within the step.
 * expNegMean = exp(-2B) is passed by the host (bit-identical Poisson counts).
 */
#define FORS_ROLE_PROPOSAL 1u
#define FORS_ROLE_CONTROL 2u
#define FORS_ROLE_ESTIMATOR 3u
#define FORS_ROLE_COIN 4u
#define FORS_ATTEMPT_TAG 0x80000000u
/* Target family codes: the host's DeviceForsRunner.familyCode. */
#define FORS_FAMILY_GAUSS_DIAG 0
#define FORS_FAMILY_GMM_ISO 1
#define FORS_FAMILY_GMM_DIAG 2

/* Philox block of (role, index) of one attempt: w0..w3. */
DEVFN void fors_block(const U32 role, const U32 index, const U32 step, const U32 particle, const U32 attempt,
                      const U32 key0, const U32 key1, U32* w) {
    U32 c0 = (role << 28) | index, c1 = step, c2 = particle, c3 = FORS_ATTEMPT_TAG | attempt;
    U32 k0 = key0, k1 = key1;
    PHILOX4x32_10(U32, c0, c1, c2, c3, k0, k1);
    w[0] = c0; w[1] = c1; w[2] = c2; w[3] = c3;
}

/* NoiseLayout.uniformClosedOpen(hi, lo) in [0, 1). */
DEVFN REAL fors_uniform(const U32 hi, const U32 lo) {
    const U64 m = (((U64)(hi >> 5)) << 26) | (U64)(lo >> 6);
    return (REAL)m * RC(TWO_POW_M53);
}

/* NoiseLayout.uniformOpenClosed(hi, lo) in (0, 1]. */
DEVFN REAL fors_uniform_open(const U32 hi, const U32 lo) {
    const U64 m = (((U64)(hi >> 5)) << 26) | (U64)(lo >> 6);
    return (REAL)(m + 1) * RC(TWO_POW_M53);
}

/* Coordinate e of the stage point p = y + u (x - y). */
DEVFN REAL fors_point(GLOBAL const REAL* Y, GLOBAL const REAL* X, const size_t e, const REAL u) {
    const REAL yj = Y[e];
    return yj + u * (X[e] - yj);
}

/*
 * One estimator draw W at stage uniform u for particle i (row stride n), with the denoiser functions of
 * denoise.cl (GAUSS_DIAG_D; gmm_logits_s, gmm_normalise_s, gmm_output_s): the stage point p is written
 * to the scratch column PS[j*n + i], the mixture denoiser overwrites it with D(p), and p is recomputed
 * per coordinate for the score s = (alpha*D - p)/sigma^2.
 */
DEVFN REAL fors_draw(const int family, const int n, const int d, const int k, const size_t i, const REAL u,
                     const REAL alpha, const REAL sigma2, GLOBAL const REAL* RESTRICT MEANS,
                     GLOBAL const REAL* RESTRICT TABLE, GLOBAL const REAL* RESTRICT Y,
                     GLOBAL const REAL* RESTRICT SY, GLOBAL const REAL* X, GLOBAL REAL* PS) {
    const size_t nn = (size_t)n;
    REAL w = RC(0);
    if (family == FORS_FAMILY_GAUSS_DIAG) {
        for (int j = 0; j < d; j++) {
            const size_t e = (size_t)j * nn + i;
            const REAL p = fors_point(Y, X, e, u);
            const REAL s = (alpha * GAUSS_DIAG_D(MEANS[j], TABLE[j], alpha, p) - p) / sigma2;
            w = w + (s - SY[e]) * (X[e] - Y[e]);
        }
        return w;
    }
    const int diagonal = family == FORS_FAMILY_GMM_DIAG;
    REAL pp = RC(0);
    for (int j = 0; j < d; j++) {
        const size_t e = (size_t)j * nn + i;
        const REAL p = fors_point(Y, X, e, u);
        PS[e] = p;
        pp = fma(p, p, pp);
    }
    REAL lg[GMM_MAX_K];
    gmm_logits_s(diagonal, d, k, TABLE, PS, nn, i, pp, lg);
    const REAL gs = gmm_normalise_s(diagonal, k, TABLE, lg);
    gmm_output_s(diagonal, d, k, TABLE, lg, gs, PS, nn, i, PS);
    for (int j = 0; j < d; j++) {
        const size_t e = (size_t)j * nn + i;
        const REAL p = fors_point(Y, X, e, u);
        const REAL s = (alpha * PS[e] - p) / sigma2;
        w = w + (s - SY[e]) * (X[e] - Y[e]);
    }
    return w;
}

/* OUT[j*n + i] = D(P[j*n + i]) for particle i with the family's table (may not alias P). */
DEVFN void fors_denoise(const int family, const int n, const int d, const int k, const size_t i, const REAL alpha,
                        GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TABLE,
                        GLOBAL const REAL* P, GLOBAL REAL* OUT) {
    const size_t nn = (size_t)n;
    if (family == FORS_FAMILY_GAUSS_DIAG) {
        for (int j = 0; j < d; j++) {
            const size_t e = (size_t)j * nn + i;
            OUT[e] = GAUSS_DIAG_D(MEANS[j], TABLE[j], alpha, P[e]);
        }
        return;
    }
    const int diagonal = family == FORS_FAMILY_GMM_DIAG;
    REAL pp = RC(0);
    for (int j = 0; j < d; j++) {
        const REAL p = P[(size_t)j * nn + i];
        pp = fma(p, p, pp);
    }
    REAL lg[GMM_MAX_K];
    gmm_logits_s(diagonal, d, k, TABLE, P, nn, i, pp, lg);
    const REAL gs = gmm_normalise_s(diagonal, k, TABLE, lg);
    gmm_output_s(diagonal, d, k, TABLE, lg, gs, P, nn, i, OUT);
}

/*
 * The host half of a FORS step on the device (twin: ForsStepKernel.prepare, same expressions), one work-item per
 * particle i < n, from the state X (x_s):
 *   y    = (x + b2*s_from(x))/a  (ddpmMean != 0; s_from from TFROM at (alphaFrom, sigmaFrom))   or   x/a
 *   sy   = s_to(y) = (alphaTo*D_to(y) - y)/sigmaTo2   (TTO at (alphaTo, sigmaTo))
 *   mean = x/a + (b2/(a*a))*sy;   NEXT[i] = 0;   PENDING[i] = i.
 * PS is scratch (n*d).
 */
KERNEL fors_prepare(const int n, const int d, const int family, const int k, const REAL a, const REAL b2,
                    const int ddpmMean, const REAL alphaFrom, const REAL sigmaFrom2, const REAL alphaTo,
                    const REAL sigmaTo2, GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TFROM,
                    GLOBAL const REAL* RESTRICT TTO, GLOBAL const REAL* RESTRICT X, GLOBAL REAL* RESTRICT Y,
                    GLOBAL REAL* RESTRICT SY, GLOBAL REAL* RESTRICT MEAN, GLOBAL REAL* RESTRICT PS,
                    GLOBAL int* RESTRICT NEXT, GLOBAL int* RESTRICT PENDING) {
    const size_t i = GID(0);
    if (i >= (size_t)n) return;
    const size_t nn = (size_t)n;
    if (ddpmMean) {
        fors_denoise(family, n, d, k, i, alphaFrom, MEANS, TFROM, X, PS);
        for (int j = 0; j < d; j++) {
            const size_t e = (size_t)j * nn + i;
            const REAL score = (alphaFrom * PS[e] - X[e]) / sigmaFrom2;
            Y[e] = (X[e] + b2 * score) / a;
        }
    } else {
        for (int j = 0; j < d; j++) {
            const size_t e = (size_t)j * nn + i;
            Y[e] = X[e] / a;
        }
    }
    fors_denoise(family, n, d, k, i, alphaTo, MEANS, TTO, Y, PS);
    for (int j = 0; j < d; j++) {
        const size_t e = (size_t)j * nn + i;
        const REAL score = (alphaTo * PS[e] - Y[e]) / sigmaTo2;
        SY[e] = score;
        MEAN[e] = X[e] / a + (b2 / (a * a)) * score;
    }
    NEXT[i] = 0;
    PENDING[i] = (int)i;
}

/*
 * Compaction of the pending list after a fors_launch: every slot p < count still rejected (ACC[p] == 0) appends
 * its particle to KEPT at ATOMIC_INC(COUNTER); a NaN estimate (ACC[p] < 0) stores its particle + 1 in COUNTER[1].
 * The order of KEPT varies between runs; results do not (randomness is keyed by particle and attempt).
 */
KERNEL fors_compact(const int count, GLOBAL const int* RESTRICT PENDING, GLOBAL const int* RESTRICT ACC,
                    GLOBAL int* RESTRICT KEPT, GLOBAL int* RESTRICT COUNTER) {
    const size_t p = GID(0);
    if (p >= (size_t)count) return;
    if (ACC[p] == 0) {
        KEPT[ATOMIC_INC(COUNTER)] = PENDING[p];
    } else if (ACC[p] < 0) {
        COUNTER[1] = PENDING[p] + 1;
    }
}

/* (B + clip_B(w)) / (2B), RejectionParameters.factor. */
DEVFN REAL fors_factor(const REAL w, const REAL bound) {
    const REAL lo = w < bound ? w : bound;
    const REAL c = lo > -bound ? lo : -bound;
    return (bound + c) / (RC(2.0) * bound);
}

KERNEL fors_launch(const int count, GLOBAL const int* RESTRICT PENDING, const int n, const int d,
                   const int family, const int k, const REAL alpha, const REAL sigma2, const REAL omega,
                   const REAL bound, const REAL meanCount, const REAL expNegMean, const int sequential,
                   const U32 key0, const U32 key1, const U32 step, const int tries,
                   GLOBAL const REAL* RESTRICT MEANS, GLOBAL const REAL* RESTRICT TABLE,
                   GLOBAL const REAL* RESTRICT Y, GLOBAL const REAL* RESTRICT SY,
                   GLOBAL const REAL* RESTRICT MEAN, GLOBAL REAL* XOUT, GLOBAL int* RESTRICT NEXT,
                   GLOBAL U64* RESTRICT DRAWS, GLOBAL U64* RESTRICT ATTEMPTS, GLOBAL int* RESTRICT ACC,
                   GLOBAL REAL* RESTRICT PS) {
    const size_t p = GID(0);
    if (p >= (size_t)count) return;
    const int ii = PENDING[p];
    const size_t i = (size_t)ii;
    const size_t nn = (size_t)n;
    const U32 particle = (U32)ii;
    const int first = NEXT[ii];
    U64 draws = 0;
    int made = 0;
    int result = 0;
    U32 w[4];
    for (int a = 0; a < tries && result == 0; a++) {
        const U32 attempt = (U32)(first + a);
        made = a + 1;
        /* x = mean + omega z, Box-Muller pairs as AttemptKey.proposalNormals */
        for (int j = 0; j < d; j += 2) {
            fors_block(FORS_ROLE_PROPOSAL, (U32)(j / 2), step, particle, attempt, key0, key1, w);
            const REAL rho = sqrt(RC(-2.0) * log(fors_uniform_open(w[0], w[1])));
            const REAL theta = RC(TWO_PI_R) * fors_uniform(w[2], w[3]);
            const size_t e = (size_t)j * nn + i;
            XOUT[e] = MEAN[e] + omega * (rho * cos(theta));
            if (j + 1 < d) XOUT[e + nn] = MEAN[e + nn] + omega * (rho * sin(theta));
        }
        fors_block(FORS_ROLE_CONTROL, 0u, step, particle, attempt, key0, key1, w);
        const REAL poissonU = fors_uniform(w[0], w[1]);
        const REAL acceptU = fors_uniform(w[2], w[3]);
        /* PoissonInversion.count(meanCount, poissonU) */
        REAL pk = expNegMean;
        REAL cdf = pk;
        int count_j = 0;
        while (poissonU >= cdf) {
            count_j++;
            pk = pk * (meanCount / (REAL)count_j);
            const REAL nextCdf = cdf + pk;
            if (nextCdf == cdf) break;
            cdf = nextCdf;
        }
        REAL q = RC(1.0);
        int accepted = 1;
        int used = count_j;
        for (int m = 0; m < count_j; m++) {
            U32 v[4];
            fors_block(FORS_ROLE_ESTIMATOR, (U32)(2 * m), step, particle, attempt, key0, key1, v);
            const REAL u = fors_uniform(v[0], v[1]);
            const REAL wm = fors_draw(family, n, d, k, i, u, alpha, sigma2, MEANS, TABLE, Y, SY, XOUT, PS);
            if (isnan(wm)) { result = -1; used = m + 1; break; }
            const REAL f = fors_factor(wm, bound);
            if (sequential) {
                fors_block(FORS_ROLE_COIN, (U32)m, step, particle, attempt, key0, key1, v);
                if (!(fors_uniform(v[0], v[1]) < f)) { accepted = 0; used = m + 1; break; }
            } else {
                q = q * f;
            }
        }
        draws += (U64)used;
        if (result == 0) {
            if (!sequential) accepted = acceptU < q;
            if (accepted) result = 1;
        }
    }
    NEXT[ii] = first + made;
    DRAWS[ii] += draws;
    ATTEMPTS[ii] += (U64)made;
    ACC[p] = result;
}
