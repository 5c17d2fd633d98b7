package difflab.exact1d;

/**
 * A uniform grid z<sub>i</sub> = lower + i·h, i = 0..points−1, h = (upper − lower)/(points − 1), on which 1-D
 * densities are represented by their point values and integrated with the trapezoid rule. For densities that
 * decay to zero well inside the grid the trapezoid rule is spectrally accurate (its error is that of the
 * periodic trapezoid rule, e.g. ~2·exp(−2π²s²/h²) for a Gaussian of standard deviation s), which is what lets the
 * exact 1-D evaluation reach errors near 1e-10 without Monte Carlo noise (docs/ALGORITHMS.md §6.4).
 *
 * @param lower  z<sub>0</sub>
 * @param upper  z<sub>points−1</sub> &gt; lower
 * @param points number of grid points, ≥ {@link #MIN_POINTS}
 */
public record Grid1d(double lower, double upper, int points) {
    /** Fewest points accepted. */
    public static final int MIN_POINTS = 8;

    public Grid1d {
        if (!(Double.isFinite(lower) && Double.isFinite(upper) && upper > lower)) {
            throw new IllegalArgumentException("grid [" + lower + ", " + upper + "] is invalid; accepted: finite lower < upper");
        }
        if (points < MIN_POINTS) {
            throw new IllegalArgumentException("grid points=" + points + " is invalid; accepted: >= " + MIN_POINTS);
        }
    }

    /** A grid on [−halfWidth, halfWidth]. */
    public static Grid1d symmetric(double halfWidth, int points) {
        return new Grid1d(-halfWidth, halfWidth, points);
    }

    /** The spacing h. */
    public double spacing() {
        return (upper - lower) / (points - 1);
    }

    /** z<sub>i</sub>. */
    public double point(int i) {
        return lower + i * spacing();
    }

    /** All coordinates z<sub>0</sub>..z<sub>points−1</sub> (a new array). */
    public double[] coordinates() {
        double[] z = new double[points];
        double h = spacing();
        for (int i = 0; i < points; i++) {
            z[i] = lower + i * h;
        }
        return z;
    }

    /** Whether z lies in [lower, upper]. */
    public boolean contains(double z) {
        return z >= lower && z <= upper;
    }
}
