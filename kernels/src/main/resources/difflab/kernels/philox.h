/*
 * Philox4x32-10 (Random123; Salmon et al., SC'11), fully unrolled scalar code: a loop over a
 * struct ran 10x slower on PoCL. Twin: difflab.kernels.Philox4x32. Noise addressing and
 * Box-Muller exactly as documented in difflab.kernels.NoiseLayout:
 *   key = (seed low, seed high), counter = (pair block b, step, particle, stream)
 *   u1 = ((w0>>5)*2^26 + (w1>>6) + 1)*2^-53 in (0,1],  u2 = ((w2>>5)*2^26 + (w3>>6))*2^-53 in [0,1)
 *   z[2b] = sqrt(-2 log u1) cos(2 pi u2),  z[2b+1] = sqrt(-2 log u1) sin(2 pi u2)
 */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u
#define TWO_POW_M53 1.1102230246251565E-16
#define TWO_PI_R 6.283185307179586

#define PHILOX_ROUND(c0, c1, c2, c3, k0, k1) do { \
        U32 hi0_ = MULHI(PHILOX_M0, c0); U32 lo0_ = PHILOX_M0 * (c0); \
        U32 hi1_ = MULHI(PHILOX_M1, c2); U32 lo1_ = PHILOX_M1 * (c2); \
        c0 = hi1_ ^ (c1) ^ (k0); c1 = lo1_; c2 = hi0_ ^ (c3) ^ (k1); c3 = lo0_; \
    } while (0)
#define PHILOX_BUMP(k0, k1) do { k0 += PHILOX_W0; k1 += PHILOX_W1; } while (0)

/* In place: (c0..c3) <- Philox4x32-10((c0..c3), (k0, k1)); k0, k1 are consumed (copies). */
#define PHILOX4x32_10(c0, c1, c2, c3, k0, k1) do { \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(c0, c1, c2, c3, k0, k1); \
    } while (0)

/* Raw Philox block, for known-answer tests on the device: out[4*g .. 4*g+3] for input row g. */
KERNEL philox_kat(const int rows, GLOBAL const U32* RESTRICT in, GLOBAL U32* RESTRICT out) {
    const size_t g = GID(0);
    if (g >= (size_t)rows) return;
    U32 c0 = in[6 * g], c1 = in[6 * g + 1], c2 = in[6 * g + 2], c3 = in[6 * g + 3];
    U32 k0 = in[6 * g + 4], k1 = in[6 * g + 5];
    PHILOX4x32_10(c0, c1, c2, c3, k0, k1);
    out[4 * g] = c0; out[4 * g + 1] = c1; out[4 * g + 2] = c2; out[4 * g + 3] = c3;
}

/* The two standard normals of pair block b for (particle, step, stream) under key (key0, key1). */
DEVFN void normal_pair(const U32 b, const U32 step, const U32 particle, const U32 stream,
                       const U32 key0, const U32 key1, REAL* z0, REAL* z1) {
    U32 c0 = b, c1 = step, c2 = particle, c3 = stream;
    U32 k0 = key0, k1 = key1;
    PHILOX4x32_10(c0, c1, c2, c3, k0, k1);
    const U64 m1 = (((U64)(c0 >> 5)) << 26) | (U64)(c1 >> 6);
    const U64 m2 = (((U64)(c2 >> 5)) << 26) | (U64)(c3 >> 6);
    const REAL u1 = ((REAL)(m1 + 1)) * RC(TWO_POW_M53);
    const REAL u2 = ((REAL)m2) * RC(TWO_POW_M53);
    const REAL rho = sqrt(RC(-2.0) * log(u1));
    const REAL theta = RC(TWO_PI_R) * u2;
    *z0 = rho * cos(theta);
    *z1 = rho * sin(theta);
}
