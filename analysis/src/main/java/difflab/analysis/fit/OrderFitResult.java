package difflab.analysis.fit;

/**
 * The result of a least-squares fit of {@code ln(error) = intercept − q·u} (see {@link FitModel}).
 *
 * <p>{@code q} is {@code order} (the negated slope): the algebraic order {@code p} of
 * {@code error ≈ C·x^(−p)} for {@link FitModel#POWER_LAW}, the rate {@code r} of
 * {@code error ≈ C·e^(−r·x)} for {@link FitModel#EXPONENTIAL}. The 95% confidence interval is
 * {@code q ± t(0.975, n−2)·se(slope)}; it is NaN when the window has fewer than 3 points.
 *
 * @param model      the error model
 * @param order      {@code q = −slope}; NaN with fewer than 2 points
 * @param ciLower    lower end of the 95% confidence interval of {@code q}; NaN with fewer than 3 points
 * @param ciUpper    upper end of the 95% confidence interval of {@code q}; NaN with fewer than 3 points
 * @param rSquared   coefficient of determination of the line in {@code (u, ln error)}
 * @param intercept  fitted {@code ln C}
 * @param window     the points used
 * @param excluded   why the other points were not used
 * @param nominal    the nominal order or rate, NaN if none
 * @param verdict    the comparison of {@code order} with {@code nominal}, see {@link Verdict}
 */
public record OrderFitResult(FitModel model, double order, double ciLower, double ciUpper, double rSquared,
        double intercept, FitWindow window, Exclusions excluded, double nominal, Verdict verdict) {

    /** Half-width {@code t·se} of the 95% confidence interval; NaN when there is none. */
    public double halfWidth() {
        return (ciUpper - ciLower) / 2;
    }

    /** Number of points in the fit. */
    public int points() {
        return window.points();
    }
}
