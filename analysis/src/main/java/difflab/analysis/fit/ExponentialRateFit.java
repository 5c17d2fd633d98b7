package difflab.analysis.fit;

/**
 * Exponential convergence rate: the least-squares line {@code ln e = ln C − r·x} through
 * {@code (x_i, ln e_i)} (a semilog fit), for errors that decay like {@code e ≈ C·e^(−r·x)} in a
 * cost {@code x} (NFE, wall time, horizon). The rate is {@code r = −slope}, per unit of {@code x}.
 *
 * <p>The invalid-point, precision-floor and window rules are those of {@link OrderFit}, with
 * {@code u_k = x_k} instead of {@code ln x_k}. Because a rate has units, its tolerances are
 * relative: a point joins the window if its local rate is within
 * {@link #WINDOW_RELATIVE_TOLERANCE}{@code ·|r_window|}; the verdict uses
 * {@link #MATCH_RELATIVE_TOLERANCE}{@code ·|nominal|} and
 * {@link #MAX_MATCHING_RELATIVE_HALF_WIDTH}{@code ·|nominal|} in {@link Verdict#judge}. The
 * result's {@link OrderFitResult#order()} is the rate; its model is {@link FitModel#EXPONENTIAL}.
 */
public final class ExponentialRateFit {

    /** Largest |local rate − window rate| / |window rate| with which a point joins the window. */
    public static final double WINDOW_RELATIVE_TOLERANCE = 0.15;

    /** Largest |measured − nominal| / |nominal| that is a {@link Verdict#MATCHES} outright. */
    public static final double MATCH_RELATIVE_TOLERANCE = 0.10;

    /** Widest CI half-width / |nominal| for which an interval containing the nominal rate is a match. */
    public static final double MAX_MATCHING_RELATIVE_HALF_WIDTH = 0.20;

    static final FitRules RULES = new FitRules(FitModel.EXPONENTIAL, Tolerance.relative(WINDOW_RELATIVE_TOLERANCE),
            Tolerance.relative(MATCH_RELATIVE_TOLERANCE), Tolerance.relative(MAX_MATCHING_RELATIVE_HALF_WIDTH));

    private ExponentialRateFit() {
    }

    /**
     * Fits the rate over the automatically chosen window.
     *
     * @param cost        finite, strictly increasing
     * @param error       the error at each cost; non-finite and non-positive values are dropped
     * @param nominalRate the claimed rate, or NaN for none
     * @return the fit, never null
     */
    public static OrderFitResult fit(double[] cost, double[] error, double nominalRate) {
        return WindowedLogFit.auto(RULES, cost, error, nominalRate);
    }

    /**
     * Fits the rate over every point with index in {@code [from, to)} and a finite positive error.
     *
     * @param cost        finite, strictly increasing
     * @param error       the error at each cost
     * @param from        first index (inclusive)
     * @param to          last index (exclusive), {@code from < to ≤ cost.length}
     * @param nominalRate the claimed rate, or NaN for none
     * @return the fit, never null
     */
    public static OrderFitResult fitOver(double[] cost, double[] error, int from, int to, double nominalRate) {
        return WindowedLogFit.over(RULES, cost, error, from, to, nominalRate);
    }
}
