package difflab.metrics;

import difflab.core.Particles;

/**
 * Pathwise errors of deterministic samplers: the same initial particles x<sub>T</sub> are pushed through the sampler
 * and through the exact (or reference) probability-flow map, and the final particles compared one by one.
 */
public final class PathwiseError {
    private PathwiseError() {
    }

    /**
     * Root-mean-square Euclidean distance sqrt((1/n) Σ<sub>i</sub> |x<sub>i</sub> − y<sub>i</sub>|²) over the first
     * {@code count} particles.
     */
    public static double rms(Particles a, Particles b, int count) {
        if (a.dimension() != b.dimension() || count > a.count() || count > b.count() || count < 1) {
            throw new IllegalArgumentException("cannot compare " + a + " and " + b + " over " + count + " particles");
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < a.dimension(); j++) {
                double e = a.get(i, j) - b.get(i, j);
                sum += e * e;
            }
        }
        return Math.sqrt(sum / count);
    }

    /** {@link #rms(Particles, Particles, int)} over all particles. */
    public static double rms(Particles a, Particles b) {
        return rms(a, b, Math.min(a.count(), b.count()));
    }

    /** The first {@code count} particles. */
    public static Particles head(Particles p, int count) {
        if (count >= p.count()) {
            return p;
        }
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = p.particle(i);
        }
        return Particles.fromRows(rows);
    }
}
