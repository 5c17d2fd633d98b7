package difflab.math;

/** Solves small dense linear systems A·x = b (a few unknowns, sampler coefficients) in double precision. */
public final class SmallLinearSystem {

    private SmallLinearSystem() {
    }

    /**
     * x with A·x = b, by Gaussian elimination with partial pivoting.
     *
     * @throws IllegalArgumentException if A is not square of b's length, or singular
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int r = 0; r < n; r++) {
            if (a[r].length != n) {
                throw new IllegalArgumentException("matrix row " + r + " has " + a[r].length + " entries; accepted: " + n);
            }
            System.arraycopy(a[r], 0, m[r], 0, n);
            m[r][n] = b[r];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (m[pivot][col] == 0.0) {
                throw new IllegalArgumentException("singular " + n + "x" + n + " system");
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[r][k] -= f * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
