package difflab.kernels;

/**
 * Linear combination of particle arrays, the Java twin of the device kernels {@code combine} and
 * {@code output_step} in {@code difflab/kernels/combine.cl}.
 *
 * <p>Formula, per element {@code e = j*n + i} (coordinate j of particle i):
 * <pre>  out[e] = a·x[e] + coefs[0]·terms[0][e] + coefs[1]·terms[1][e] + … + coefs[m-1]·terms[m-1][e]</pre>
 * evaluated strictly left to right in double, with no fused multiply-add (Java never contracts; the
 * device source sets {@code #pragma OPENCL FP_CONTRACT OFF}), so the device kernel with the same
 * summation order reproduces these results bit for bit. This is the "output" row
 * {@code x' = a·x + Σ_j b_j·M_j + c·z} of a sampler step (docs: ARCHITECTURE.md, "samplers are
 * coefficient programs"); callers that inject noise pass the normal vectors as trailing terms.
 *
 * <p>When {@code a == 0} the {@code x} term is skipped entirely (the sum starts at {@code 0.0}) and
 * {@code x} may be {@code null}. {@code out} may alias {@code x} (each element is read before it is
 * written) but must not alias any of {@code terms}.
 *
 * <p>Layout: structure of arrays, coordinate-major; only particles {@code from <= i < to} are
 * touched, so callers may parallelise over disjoint particle ranges.
 */
public final class CombineKernel {

    /** Term counts up to which the twin sums in a single pass over memory (same result, less traffic). */
    static final int FUSED_TERMS = 3;

    private CombineKernel() {
    }

    /**
     * {@code out = a·x + Σ_k coefs[k]·terms[k]} on particles {@code [from, to)}; see the class
     * comment for the summation order and aliasing rules.
     *
     * @param n     number of particles in the arrays (row stride)
     * @param d     dimension
     * @param from  first particle (inclusive)
     * @param to    last particle (exclusive)
     * @param a     coefficient of {@code x}; when {@code 0} the x term is skipped
     * @param x     current state, length {@code >= n*d}; may be {@code null} when {@code a == 0}
     * @param coefs one coefficient per term
     * @param terms term arrays, each of length {@code >= n*d}
     * @param out   result array, length {@code >= n*d}; may be {@code x}
     * @throws IllegalArgumentException if the ranges, lengths or term count are inconsistent
     */
    public static void combine(int n, int d, int from, int to, double a, double[] x,
                               double[] coefs, double[][] terms, double[] out) {
        KernelChecks.range(n, d, from, to);
        int m = coefs.length;
        if (terms.length != m) {
            throw new IllegalArgumentException("combine: " + m + " coefficients but "
                    + terms.length + " term arrays; they must have equal length");
        }
        boolean useX = a != 0.0;
        if (useX) {
            KernelChecks.length("x", x, n, d);
        }
        for (int k = 0; k < m; k++) {
            KernelChecks.length("terms[" + k + "]", terms[k], n, d);
        }
        KernelChecks.length("out", out, n, d);
        double[] t0 = m > 0 ? terms[0] : null;
        double[] t1 = m > 1 ? terms[1] : null;
        double[] t2 = m > 2 ? terms[2] : null;
        double c0 = m > 0 ? coefs[0] : 0.0;
        double c1 = m > 1 ? coefs[1] : 0.0;
        double c2 = m > 2 ? coefs[2] : 0.0;
        for (int j = 0; j < d; j++) {
            int lo = j * n + from;
            int hi = j * n + to;
            if (useX && m <= FUSED_TERMS) {
                // one pass; the same left-to-right sum as the general loop below
                switch (m) {
                    case 0:
                        for (int e = lo; e < hi; e++) {
                            out[e] = a * x[e];
                        }
                        break;
                    case 1:
                        for (int e = lo; e < hi; e++) {
                            out[e] = a * x[e] + c0 * t0[e];
                        }
                        break;
                    case 2:
                        for (int e = lo; e < hi; e++) {
                            out[e] = a * x[e] + c0 * t0[e] + c1 * t1[e];
                        }
                        break;
                    default:
                        for (int e = lo; e < hi; e++) {
                            out[e] = a * x[e] + c0 * t0[e] + c1 * t1[e] + c2 * t2[e];
                        }
                }
                continue;
            }
            // General case. Pass 1: out = a*x (or 0). Pass k: out = out + c_k*t_k. Each intermediate
            // result is rounded to double, exactly as a register accumulation in double would be.
            if (useX) {
                for (int e = lo; e < hi; e++) {
                    out[e] = a * x[e];
                }
            } else {
                for (int e = lo; e < hi; e++) {
                    out[e] = 0.0;
                }
            }
            for (int k = 0; k < m; k++) {
                double c = coefs[k];
                double[] t = terms[k];
                for (int e = lo; e < hi; e++) {
                    out[e] = out[e] + c * t[e];
                }
            }
        }
    }
}
