package difflab.analysis.fit;

/**
 * Empirical convergence order: the least-squares line {@code ln e = ln C − p·ln x} through
 * {@code (ln x_i, ln e_i)}, where {@code x} is NFE or steps (or a horizon {@code T}: the same
 * mathematics fits {@code e ≈ C·T^(−p)}), over an automatically chosen asymptotic window.
 *
 * <p>The order is {@code p = −slope}, with the 95% confidence interval
 * {@code p ± t(0.975, n−2)·se(slope)} (commons-math3 {@code SimpleRegression}, whose
 * {@code getSlopeConfidenceInterval()} is this half-width) and the coefficient of determination
 * {@code R²}.
 *
 * <h2>Window rule ({@link #fit})</h2>
 * Inputs: {@code x} finite, positive and strictly increasing; {@code e} any doubles. With
 * {@code v_k = ln e_k}, {@code u_k = ln x_k} and the local order of a consecutive pair
 * {@code q_k = −(v_k − v_{k−1})/(u_k − u_{k−1})}:
 * <ol>
 *   <li><b>Invalid points.</b> Points whose error is non-finite or {@code ≤ 0} are dropped; the
 *       remaining points keep their order and "consecutive" below refers to them.
 *   <li><b>Precision floor.</b> The reference order {@code q_ref} is the median of {@code q_k}
 *       over the pairs up to the first point of smallest error (no reference, and no stall test,
 *       when that point is the first one). Point {@code k} is <em>at the floor</em> if
 *       {@code e_k ≤ }{@link #FLOOR_RELATIVE_TO_LARGEST}{@code ·max e}, or if it has
 *       <em>stalled</em>: it undercuts the smallest earlier error by less than
 *       {@link #FLOOR_STALL_FRACTION} of the decrease the reference order predicts,
 *       {@code min_{j<k} v_j − v_k < FLOOR_STALL_FRACTION·q_ref·(u_k − u_{k−1})}. The longest
 *       run of at-floor points at the large-x end is dropped (the first point is never dropped).
 *       The reference order comes from the data, not from the nominal order, so a method that
 *       converges slower than claimed is measured, not cut away.
 *   <li><b>Asymptotic window.</b> The window starts as the last {@link #MIN_WINDOW_POINTS}
 *       remaining points. It is extended one point at a time towards small x while the local
 *       order between the candidate and the window's first point is within
 *       {@link #WINDOW_ORDER_TOLERANCE} of the order fitted on the window so far; the first
 *       candidate that deviates, and every point before it, is pre-asymptotic and dropped.
 *   <li><b>Small samples.</b> With 2 remaining points the line through them is reported with a NaN
 *       confidence interval; with fewer, the order is NaN. Both give {@link Verdict#INCONCLUSIVE}
 *       (or {@link Verdict#NO_NOMINAL}).
 * </ol>
 * The verdict uses {@link Verdict#judge} with {@link #MATCH_TOLERANCE} and
 * {@link #MAX_MATCHING_HALF_WIDTH}.
 */
public final class OrderFit {

    /** Fewest points in an automatic window, and fewest for which a confidence interval exists. */
    public static final int MIN_WINDOW_POINTS = 3;

    /** Errors at or below this fraction of the largest error are at the precision floor. */
    public static final double FLOOR_RELATIVE_TO_LARGEST = 1e-13;

    /**
     * A point has stalled when its error undercuts every earlier error by less than this fraction of
     * the decrease predicted by the reference order.
     */
    public static final double FLOOR_STALL_FRACTION = 0.75;

    /** Largest |local order − window order| with which a point joins the asymptotic window. */
    public static final double WINDOW_ORDER_TOLERANCE = 0.25;

    /** Largest |measured − nominal| that is a {@link Verdict#MATCHES} whatever the interval. */
    public static final double MATCH_TOLERANCE = 0.25;

    /** Widest CI half-width for which an interval containing the nominal order is a match. */
    public static final double MAX_MATCHING_HALF_WIDTH = 0.5;

    static final FitRules RULES = new FitRules(FitModel.POWER_LAW, Tolerance.absolute(WINDOW_ORDER_TOLERANCE),
            Tolerance.absolute(MATCH_TOLERANCE), Tolerance.absolute(MAX_MATCHING_HALF_WIDTH));

    private OrderFit() {
    }

    /**
     * Fits the order over the automatically chosen window (rule in the class comment).
     *
     * @param x            NFE, steps or T: finite, positive, strictly increasing
     * @param error        the error at each {@code x}; non-finite and non-positive values are dropped
     * @param nominalOrder the claimed order, or NaN for none
     * @return the fit, never null
     * @throws IllegalArgumentException if the lengths differ, or {@code x} or {@code nominalOrder}
     *                                  is not accepted (the message names the value)
     */
    public static OrderFitResult fit(double[] x, double[] error, double nominalOrder) {
        return WindowedLogFit.auto(RULES, x, error, nominalOrder);
    }

    /** {@link #fit(double[], double[], double)} with no nominal order. */
    public static OrderFitResult fit(double[] x, double[] error) {
        return fit(x, error, Double.NaN);
    }

    /**
     * Fits the order over the caller's window: every point with index in {@code [from, to)} and a
     * finite positive error, no floor or pre-asymptotic rule.
     *
     * @param x            NFE, steps or T: finite, positive, strictly increasing
     * @param error        the error at each {@code x}
     * @param from         first index (inclusive)
     * @param to           last index (exclusive), {@code from < to ≤ x.length}
     * @param nominalOrder the claimed order, or NaN for none
     * @return the fit, never null
     */
    public static OrderFitResult fitOver(double[] x, double[] error, int from, int to, double nominalOrder) {
        return WindowedLogFit.over(RULES, x, error, from, to, nominalOrder);
    }

    /** {@link #fitOver(double[], double[], int, int, double)} with no nominal order. */
    public static OrderFitResult fitOver(double[] x, double[] error, int from, int to) {
        return fitOver(x, error, from, to, Double.NaN);
    }
}
