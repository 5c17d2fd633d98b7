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

/* T: the counter word type, U32 (one particle) or U32V (VW particles); keys are scalars. */
#define PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1) do { \
        T hi0_ = MULHI((T)PHILOX_M0, c0); T lo0_ = PHILOX_M0 * (c0); \
        T hi1_ = MULHI((T)PHILOX_M1, c2); T lo1_ = PHILOX_M1 * (c2); \
        c0 = hi1_ ^ (c1) ^ (k0); c1 = lo1_; c2 = hi0_ ^ (c3) ^ (k1); c3 = lo0_; \
    } while (0)
#define PHILOX_BUMP(k0, k1) do { k0 += PHILOX_W0; k1 += PHILOX_W1; } while (0)

/* In place: (c0..c3) <- Philox4x32-10((c0..c3), (k0, k1)); k0, k1 are consumed (copies). */
#define PHILOX4x32_10(T, c0, c1, c2, c3, k0, k1) do { \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); PHILOX_BUMP(k0, k1); \
        PHILOX_ROUND(T, c0, c1, c2, c3, k0, k1); \
    } while (0)

/* Raw Philox block, for known-answer tests on the device: out[4*g .. 4*g+3] for input row g. */
KERNEL philox_kat(const int rows, GLOBAL const U32* RESTRICT in, GLOBAL U32* RESTRICT out) {
    const size_t g = GID(0);
    if (g >= (size_t)rows) return;
    U32 c0 = in[6 * g], c1 = in[6 * g + 1], c2 = in[6 * g + 2], c3 = in[6 * g + 3];
    U32 k0 = in[6 * g + 4], k1 = in[6 * g + 5];
    PHILOX4x32_10(U32, c0, c1, c2, c3, k0, k1);
    out[4 * g] = c0; out[4 * g + 1] = c1; out[4 * g + 2] = c2; out[4 * g + 3] = c3;
}

/*
 * The two standard normals of pair block b for particles particle0 .. particle0+VW-1 (one per lane),
 * step and stream, under key (key0, key1).
 */
DEVFN void normal_pair(const U32 b, const U32 step, const U32 particle0, const U32 stream,
                       const U32 key0, const U32 key1, REALV* z0, REALV* z1) {
    U32V c0 = (U32V)(b), c1 = (U32V)(step), c2 = (U32V)(particle0) + VIOTA, c3 = (U32V)(stream);
    U32 k0 = key0, k1 = key1;
    PHILOX4x32_10(U32V, c0, c1, c2, c3, k0, k1);
    const U64V m1 = (CONVERT_U64V(c0 >> 5) << 26) | CONVERT_U64V(c1 >> 6);
    const U64V m2 = (CONVERT_U64V(c2 >> 5) << 26) | CONVERT_U64V(c3 >> 6);
    const REALV u1 = CONVERT_REALV(m1 + 1) * RC(TWO_POW_M53);
    const REALV u2 = CONVERT_REALV(m2) * RC(TWO_POW_M53);
    const REALV rho = sqrt(RC(-2.0) * log(u1));
    const REALV theta = RC(TWO_PI_R) * u2;
    *z0 = rho * cos(theta);
    *z1 = rho * sin(theta);
}
