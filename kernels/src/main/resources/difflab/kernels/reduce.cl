/*
 * Reductions for run metrics (twin: difflab.kernels.Reductions), so that only scalars or a few
 * per-work-item partials come back from the device.
 */

/* OUT[i] = sum_j (A[j*n+i] - B[j*n+i])^2, j ascending. */
KERNEL sq_dist(const int n, const int d, GLOBAL const REAL* RESTRICT A,
               GLOBAL const REAL* RESTRICT B, GLOBAL REAL* RESTRICT OUT) {
    const size_t i = GID(0);
    if (i >= (size_t)n) return;
    REAL s = RC(0);
    for (int j = 0; j < d; j++) {
        const REAL diff = A[(size_t)j * (size_t)n + i] - B[(size_t)j * (size_t)n + i];
        s = s + diff * diff;
    }
    OUT[i] = s;
}

/*
 * Work-item g < groups sums V[offset + e] and V[offset + e]^2 over e = g, g + groups, ... < len
 * with Neumaier compensation and writes OUT[2g] = sum, OUT[2g+1] = sum of squares. The host adds
 * the 2*groups partials (compensated), so the result agrees with Reductions.sum to a few ulps.
 */
KERNEL partial_sums(const long offset, const long len, const int groups,
                    GLOBAL const REAL* RESTRICT V, GLOBAL REAL* RESTRICT OUT) {
    const size_t g = GID(0);
    if (g >= (size_t)groups) return;
    REAL s = RC(0), cs = RC(0), q = RC(0), cq = RC(0);
    for (long e = (long)g; e < len; e += groups) {
        const REAL x = V[offset + e];
        REAL t = s + x;
        cs = cs + ((fabs(s) >= fabs(x)) ? (s - t) + x : (x - t) + s);
        s = t;
        const REAL x2 = x * x;
        t = q + x2;
        cq = cq + ((q >= x2) ? (q - t) + x2 : (x2 - t) + q);
        q = t;
    }
    OUT[2 * g] = s + cs;
    OUT[2 * g + 1] = q + cq;
}
