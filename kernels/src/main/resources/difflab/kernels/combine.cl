/*
 * Combination kernels. One combination (twin: difflab.kernels.CombineKernel, plus noise terms
 * from difflab.kernels.NormalNoiseKernel):
 *
 *   s[e] = a*X[e] + c0*T0[e] + ... + c{nt-1}*T{nt-1}[e] + cz0*z_{s0}[e] + cz1*z_{s1}[e]
 *
 * summed strictly left to right (FP_CONTRACT off); the X term is skipped when a == 0 (X may then
 * be any buffer); only the first nt terms and nz noise terms are read. Noise z_s is the standard
 * normal of NoiseLayout for (key, particle poff+i, step, stream s), generated in the kernel, so
 * noise never touches global memory.
 *
 * Terms are separate buffer arguments T0..T7 (MAX_TERMS) rather than one packed buffer with
 * offsets: each history slot is then its own allocation (so the per-buffer allocation limit
 * applies to n*d, not to slots*n*d), rotating the history ring only re-binds arguments, and the
 * CUDA build takes the same plain pointers.
 */

/*
 * Combination values of coordinates 2b and 2b+1 (element offsets e0, e1) of the VW particles
 * i .. i+VW-1 (i a multiple of VW).
 */
DEVFN void combo_pair(COMBO_PARAMS, const size_t i, const U32 b, const size_t e0, const size_t e1,
                      const int has1, REALV* r0, REALV* r1) {
    REALV s = (a != RC(0)) ? a * VL(X, e0) : VSPLAT(0);
    REALV t = (has1 && a != RC(0)) ? a * VL(X, e1) : VSPLAT(0);
    if (nt > 0) { s = s + c0 * VL(T0, e0); if (has1) t = t + c0 * VL(T0, e1); }
    if (nt > 1) { s = s + c1 * VL(T1, e0); if (has1) t = t + c1 * VL(T1, e1); }
    if (nt > 2) { s = s + c2 * VL(T2, e0); if (has1) t = t + c2 * VL(T2, e1); }
    if (nt > 3) { s = s + c3 * VL(T3, e0); if (has1) t = t + c3 * VL(T3, e1); }
    if (nt > 4) { s = s + c4 * VL(T4, e0); if (has1) t = t + c4 * VL(T4, e1); }
    if (nt > 5) { s = s + c5 * VL(T5, e0); if (has1) t = t + c5 * VL(T5, e1); }
    if (nt > 6) { s = s + c6 * VL(T6, e0); if (has1) t = t + c6 * VL(T6, e1); }
    if (nt > 7) { s = s + c7 * VL(T7, e0); if (has1) t = t + c7 * VL(T7, e1); }
    if (nz > 0) {
        REALV z0, z1;
        normal_pair(b, step, poff + (U32)i, s0, key0, key1, &z0, &z1);
        s = s + cz0 * z0;
        t = t + cz0 * z1;
        if (nz > 1) {
            normal_pair(b, step, poff + (U32)i, s1, key0, key1, &z0, &z1);
            s = s + cz1 * z0;
            t = t + cz1 * z1;
        }
    }
    *r0 = s;
    *r1 = t;
}

#define COMBO_ARGS a, X, nt, T0, T1, T2, T3, T4, T5, T6, T7, c0, c1, c2, c3, c4, c5, c6, c7, \
                   nz, key0, key1, poff, step, s0, cz0, s1, cz1

/*
 * OUT = combination, on an (n/VW) x ceil(d/2) grid: GID(0) = particle group (particles
 * VW*GID(0) ..), GID(1) = pair block b. n is the row stride, a multiple of VW. OUT may alias X
 * (element-wise); it must not alias a term. Used for the output row of a step (x' = a x +
 * sum b_j M_j + c z, in place on x).
 */
KERNEL combine(const int n, const int d, COMBO_PARAMS, GLOBAL REAL* OUT) {
    const size_t i = GID(0) * VW;
    const U32 b = (U32)GID(1);
    if (i >= (size_t)n || 2 * b >= (U32)d) return;
    const size_t e0 = (size_t)(2 * b) * (size_t)n + i;
    const int has1 = 2 * b + 1 < (U32)d;
    const size_t e1 = has1 ? e0 + (size_t)n : e0;
    REALV r0, r1;
    combo_pair(COMBO_ARGS, i, b, e0, e1, has1, &r0, &r1);
    VS(r0, OUT, e0);
    if (has1) VS(r1, OUT, e1);
}

/* Standard normals OUT[j*n+i] for (key, particle poff+i, step, stream); grid (n/VW) x ceil(d/2). */
KERNEL normals(const int n, const int d, const U32 key0, const U32 key1, const U32 poff,
               const U32 step, const U32 stream, GLOBAL REAL* RESTRICT OUT) {
    const size_t i = GID(0) * VW;
    const U32 b = (U32)GID(1);
    if (i >= (size_t)n || 2 * b >= (U32)d) return;
    REALV z0, z1;
    normal_pair(b, step, poff + (U32)i, stream, key0, key1, &z0, &z1);
    const size_t e0 = (size_t)(2 * b) * (size_t)n + i;
    VS(z0, OUT, e0);
    if (2 * b + 1 < (U32)d) VS(z1, OUT, e0 + (size_t)n);
}

/*
 * DST[e] = SRC[e] for e < len (len a multiple of VW), VW elements per work-item: the device's
 * attainable bandwidth reference (2 x sizeof(REAL) per element).
 */
KERNEL copy_real(const long len, GLOBAL const REAL* RESTRICT SRC, GLOBAL REAL* RESTRICT DST) {
    const size_t e = GID(0) * VW;
    if (e < (size_t)len) VS(VL(SRC, e), DST, e);
}

/*
 * The device's multiply-add peak reference: every work-item runs `iters` rounds of 8 independent fma
 * chains on VW lanes (2 flops per lane per fma) and stores their sum, so 16*VW*iters flops per
 * work-item. m < 1 keeps the chains bounded.
 */
KERNEL peak_fma(const int iters, const REAL m, const REAL c, GLOBAL REAL* RESTRICT OUT) {
    const size_t g = GID(0);
    const REALV mv = VSPLAT(m);
    const REALV cv = VSPLAT(c);
    REALV a0 = VSPLAT((REAL)g), a1 = a0 + cv, a2 = a1 + cv, a3 = a2 + cv;
    REALV a4 = a3 + cv, a5 = a4 + cv, a6 = a5 + cv, a7 = a6 + cv;
    for (int r = 0; r < iters; r++) {
        a0 = fma(a0, mv, cv); a1 = fma(a1, mv, cv); a2 = fma(a2, mv, cv); a3 = fma(a3, mv, cv);
        a4 = fma(a4, mv, cv); a5 = fma(a5, mv, cv); a6 = fma(a6, mv, cv); a7 = fma(a7, mv, cv);
    }
    VS(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)), OUT, g * VW);
}
