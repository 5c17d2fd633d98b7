package difflab.analysis.fit;

/**
 * The points a fit used: indices into the caller's arrays and the abscissae at both ends.
 *
 * <p>Points with a non-finite or non-positive error inside {@code [from, to)} are skipped, so
 * {@code points ≤ to − from}.
 *
 * @param from    index of the first point used (inclusive)
 * @param to      one past the index of the last point used (exclusive)
 * @param points  number of points used
 * @param firstX  abscissa (NFE, steps, T or cost) of the first point used; NaN if none
 * @param lastX   abscissa of the last point used; NaN if none
 */
public record FitWindow(int from, int to, int points, double firstX, double lastX) {

    /** The window of a fit that had no usable point. */
    public static final FitWindow NONE = new FitWindow(0, 0, 0, Double.NaN, Double.NaN);

    public FitWindow {
        if (from < 0 || to < from || points < 0 || points > to - from) {
            throw new IllegalArgumentException("inconsistent window: from=" + from + ", to=" + to + ", points=" + points
                    + "; need 0 <= from <= to and 0 <= points <= to - from");
        }
    }
}
