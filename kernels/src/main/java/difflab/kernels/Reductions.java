package difflab.kernels;

/**
 * Reductions for run metrics, the Java twin of {@code difflab/kernels/reduce.cl}, so that only
 * scalars (or per-work-group partials) come back from a device during a run.
 *
 * <ul>
 *   <li>{@link #squaredDistances}: per particle {@code r_i = Σ_j (a[j*n+i] − b[j*n+i])²}, j ascending
 *       (pathwise errors against a reference);</li>
 *   <li>{@link #sum} / {@link #sumOfSquares}: compensated (Kahan–Babuška–Neumaier) sums over a
 *       range, error bound {@code O(ε)·Σ|v|} independent of the length, so device partial sums
 *       combined on the host agree with these to a few ulps;</li>
 *   <li>{@link #coordinateMoments}: per-coordinate sums and sums of squares over particles, for
 *       mean and variance errors.</li>
 * </ul>
 * Neumaier's variant of Kahan summation: Neumaier, "Rundungsfehleranalyse einiger Verfahren zur
 * Summation endlicher Summen", ZAMM 54 (1974).
 */
public final class Reductions {

    private Reductions() {
    }

    /** Per-particle squared Euclidean distances {@code out[i] = Σ_j (a − b)²} for i in [from, to). */
    public static void squaredDistances(int n, int d, int from, int to, double[] a, double[] b,
                                        double[] out) {
        KernelChecks.range(n, d, from, to);
        KernelChecks.length("a", a, n, d);
        KernelChecks.length("b", b, n, d);
        KernelChecks.minLength("out", out, n, "n");
        for (int i = from; i < to; i++) {
            out[i] = 0.0;
        }
        for (int j = 0; j < d; j++) {
            int o = j * n;
            for (int i = from; i < to; i++) {
                double diff = a[o + i] - b[o + i];
                out[i] = out[i] + diff * diff;
            }
        }
    }

    /** Compensated sum of {@code v[from .. to-1]}. */
    public static double sum(double[] v, int from, int to) {
        checkSlice(v, from, to);
        double s = 0.0;
        double comp = 0.0;
        for (int i = from; i < to; i++) {
            double x = v[i];
            double t = s + x;
            comp += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return s + comp;
    }

    /** Compensated sum of squares of {@code v[from .. to-1]}. */
    public static double sumOfSquares(double[] v, int from, int to) {
        checkSlice(v, from, to);
        double s = 0.0;
        double comp = 0.0;
        for (int i = from; i < to; i++) {
            double x = v[i] * v[i];
            double t = s + x;
            comp += s >= x ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return s + comp;
    }

    /**
     * Per-coordinate compensated sums {@code sum[j] = Σ_i x[j*n+i]} and
     * {@code sumSq[j] = Σ_i x[j*n+i]²} over particles {@code [from, to)}, overwriting both arrays.
     */
    public static void coordinateMoments(int n, int d, int from, int to, double[] x, double[] sum,
                                         double[] sumSq) {
        KernelChecks.range(n, d, from, to);
        KernelChecks.length("x", x, n, d);
        KernelChecks.minLength("sum", sum, d, "d");
        KernelChecks.minLength("sumSq", sumSq, d, "d");
        for (int j = 0; j < d; j++) {
            sum[j] = sum(x, j * n + from, j * n + to);
            sumSq[j] = sumOfSquares(x, j * n + from, j * n + to);
        }
    }

    private static void checkSlice(double[] v, int from, int to) {
        if (v == null) {
            throw new IllegalArgumentException("array is null");
        }
        if (from < 0 || to > v.length || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is not inside [0, "
                    + v.length + ")");
        }
    }
}
