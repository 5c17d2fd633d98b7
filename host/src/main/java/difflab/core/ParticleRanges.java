package difflab.core;

/** Splits particle indices into contiguous ranges for parallel loops over particles. */
public final class ParticleRanges {
    private ParticleRanges() {
    }

    /**
     * {@code [0, n)} as {@code chunks} contiguous ranges {from, to} of near-equal length (clamped to 1..n chunks,
     * one empty range for n = 0).
     */
    public static int[][] split(int n, int chunks) {
        int c = Math.max(1, Math.min(chunks, n));
        int[][] r = new int[c][2];
        for (int k = 0; k < c; k++) {
            r[k][0] = (int) ((long) n * k / c);
            r[k][1] = (int) ((long) n * (k + 1) / c);
        }
        return r;
    }

    /**
     * The ranges for {@code parallelism} threads: {@code chunksPerThread} per thread for load balance, none shorter
     * than about {@code minChunk}, a single range when sequential.
     */
    public static int[][] forThreads(int n, int parallelism, int chunksPerThread, int minChunk) {
        int chunks = parallelism == 1 ? 1 : Math.max(1, Math.min(parallelism * chunksPerThread, n / minChunk));
        return split(n, chunks);
    }
}
