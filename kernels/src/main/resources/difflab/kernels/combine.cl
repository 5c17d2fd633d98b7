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

/* Combination value of the two coordinates 2b and 2b+1 of particle i (e0, e1 their offsets). */
DEVFN void combo_pair(COMBO_PARAMS, const size_t i, const U32 b, const size_t e0, const size_t e1,
                      const int has1, REAL* r0, REAL* r1) {
    REAL s = (a != RC(0)) ? a * X[e0] : RC(0);
    REAL t = (has1 && a != RC(0)) ? a * X[e1] : RC(0);
    if (nt > 0) { s = s + c0 * T0[e0]; if (has1) t = t + c0 * T0[e1]; }
    if (nt > 1) { s = s + c1 * T1[e0]; if (has1) t = t + c1 * T1[e1]; }
    if (nt > 2) { s = s + c2 * T2[e0]; if (has1) t = t + c2 * T2[e1]; }
    if (nt > 3) { s = s + c3 * T3[e0]; if (has1) t = t + c3 * T3[e1]; }
    if (nt > 4) { s = s + c4 * T4[e0]; if (has1) t = t + c4 * T4[e1]; }
    if (nt > 5) { s = s + c5 * T5[e0]; if (has1) t = t + c5 * T5[e1]; }
    if (nt > 6) { s = s + c6 * T6[e0]; if (has1) t = t + c6 * T6[e1]; }
    if (nt > 7) { s = s + c7 * T7[e0]; if (has1) t = t + c7 * T7[e1]; }
    if (nz > 0) {
        REAL z0, z1;
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
 * OUT = combination, on an n x ceil(d/2) grid: GID(0) = particle i < n, GID(1) = pair block b.
 * OUT may alias X (element-wise); it must not alias a term. Used for the output row of a step
 * (x' = a x + sum b_j M_j + c z, in place on x) and for stage points of samplers whose model
 * evaluation is separate.
 */
KERNEL combine(const int n, const int d, COMBO_PARAMS, GLOBAL REAL* OUT) {
    const size_t i = GID(0);
    const U32 b = (U32)GID(1);
    if (i >= (size_t)n || 2 * b >= (U32)d) return;
    const size_t e0 = (size_t)(2 * b) * (size_t)n + i;
    const int has1 = 2 * b + 1 < (U32)d;
    const size_t e1 = has1 ? e0 + (size_t)n : e0;
    REAL r0, r1;
    combo_pair(COMBO_ARGS, i, b, e0, e1, has1, &r0, &r1);
    OUT[e0] = r0;
    if (has1) OUT[e1] = r1;
}

/* Standard normals OUT[j*n+i] for (key, particle poff+i, step, stream); grid n x ceil(d/2). */
KERNEL normals(const int n, const int d, const U32 key0, const U32 key1, const U32 poff,
               const U32 step, const U32 stream, GLOBAL REAL* RESTRICT OUT) {
    const size_t i = GID(0);
    const U32 b = (U32)GID(1);
    if (i >= (size_t)n || 2 * b >= (U32)d) return;
    REAL z0, z1;
    normal_pair(b, step, poff + (U32)i, stream, key0, key1, &z0, &z1);
    const size_t e0 = (size_t)(2 * b) * (size_t)n + i;
    OUT[e0] = z0;
    if (2 * b + 1 < (U32)d) OUT[e0 + (size_t)n] = z1;
}

/* DST[e] = SRC[e] for e < len: the device's attainable bandwidth reference (2 x 8 B per element). */
KERNEL copy_real(const long len, GLOBAL const REAL* RESTRICT SRC, GLOBAL REAL* RESTRICT DST) {
    const size_t e = GID(0);
    if (e < (size_t)len) DST[e] = SRC[e];
}
