package difflab.fors;

import difflab.core.Particles;

/**
 * The outcome of a FORS run: the particles at t<sub>0</sub>, the exact number of score evaluations spent on each
 * particle (the fixed calls of every step plus one per estimator draw of every attempt, accepted or not), the
 * attempts and launches made, and the wall-clock seconds of the step loop.
 */
public final class ForsResult {
    private final Particles particles;
    private final long[] evaluations;
    private final long attempts;
    private final long launches;
    private final double seconds;

    public ForsResult(Particles particles, long[] evaluations, long attempts, long launches, double seconds) {
        if (evaluations.length != particles.count()) {
            throw new IllegalArgumentException("evaluations has " + evaluations.length + " entries for "
                    + particles.count() + " particles");
        }
        this.particles = particles;
        this.evaluations = evaluations.clone();
        this.attempts = attempts;
        this.launches = launches;
        this.seconds = seconds;
    }

    public Particles particles() {
        return particles;
    }

    /** Score evaluations spent on each particle (a copy). */
    public long[] evaluations() {
        return evaluations.clone();
    }

    /** Σ over particles of their evaluations. */
    public long totalEvaluations() {
        long s = 0;
        for (long e : evaluations) {
            s += e;
        }
        return s;
    }

    /** Mean score evaluations per sample. */
    public double meanEvaluations() {
        return (double) totalEvaluations() / evaluations.length;
    }

    /** Standard error of {@link #meanEvaluations()} (sample standard deviation / √n; NaN for one particle). */
    public double evaluationsStandardError() {
        int n = evaluations.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = meanEvaluations();
        double ss = 0;
        for (long e : evaluations) {
            ss += (e - mean) * (e - mean);
        }
        return Math.sqrt(ss / (n - 1) / n);
    }

    /** Attempts made over all particles and steps. */
    public long attempts() {
        return attempts;
    }

    /** Launches made over all steps. */
    public long launches() {
        return launches;
    }

    public double seconds() {
        return seconds;
    }
}
