package difflab.exact1d;

/** Splits grid rows into parallel ranges and sums the per-range partial outputs. */
final class RowChunks {
    /** Ranges per available processor. */
    static final int CHUNKS_PER_THREAD = 4;

    private RowChunks() {
    }

    static int[][] of(int n) {
        int chunks = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors() * CHUNKS_PER_THREAD));
        int[][] r = new int[chunks][2];
        for (int c = 0; c < chunks; c++) {
            r[c][0] = (int) ((long) n * c / chunks);
            r[c][1] = (int) ((long) n * (c + 1) / chunks);
        }
        return r;
    }

    /** Σ of the partial arrays, summed in range order (deterministic). */
    static double[] sum(double[][] partial, int n) {
        double[] out = new double[n];
        for (double[] p : partial) {
            for (int m = 0; m < n; m++) {
                out[m] += p[m];
            }
        }
        return out;
    }
}
