package difflab.analysis.fit;

/**
 * How a measured order (or rate) compares with the nominal one.
 *
 * <p>{@link #judge} applies these rules in order, where {@code [lower, upper]} is the 95% confidence
 * interval of the measured value {@code q} and {@code h = (upper − lower)/2} its half-width:
 * <ol>
 *   <li>no nominal value (NaN): {@link #NO_NOMINAL};
 *   <li>fewer than {@link OrderFit#MIN_WINDOW_POINTS} points (no confidence interval):
 *       {@link #INCONCLUSIVE};
 *   <li>{@code |q − nominal| ≤ matchTolerance}: {@link #MATCHES};
 *   <li>{@code lower ≤ nominal ≤ upper}: {@link #MATCHES} if {@code h ≤ maxMatchingHalfWidth},
 *       otherwise {@link #INCONCLUSIVE} (the data cannot tell the nominal value from its
 *       neighbours);
 *   <li>otherwise {@link #ABOVE} if {@code q > nominal}, {@link #BELOW} if {@code q < nominal}.
 * </ol>
 */
public enum Verdict {
    /** The measurement agrees with the nominal value. */
    MATCHES,
    /** The measurement is significantly larger than the nominal value. */
    ABOVE,
    /** The measurement is significantly smaller than the nominal value. */
    BELOW,
    /** Too few points, or a confidence interval too wide to decide. */
    INCONCLUSIVE,
    /** No nominal value was given. */
    NO_NOMINAL;

    /**
     * Applies the rules in the class comment.
     *
     * @param measured             the fitted order or rate {@code q}
     * @param ciLower              lower end of its 95% confidence interval (NaN if none)
     * @param ciUpper              upper end of its 95% confidence interval (NaN if none)
     * @param points               number of points in the fit
     * @param nominal              the nominal value, or NaN for none
     * @param matchTolerance       largest {@code |q − nominal|} that matches outright, {@code ≥ 0}
     *                             (not read when {@code nominal} is NaN)
     * @param maxMatchingHalfWidth largest CI half-width for which containment of the nominal value
     *                             counts as a match, {@code ≥ 0} (not read when {@code nominal} is NaN)
     * @return the verdict
     */
    public static Verdict judge(double measured, double ciLower, double ciUpper, int points, double nominal,
            double matchTolerance, double maxMatchingHalfWidth) {
        if (Double.isNaN(nominal)) {
            return NO_NOMINAL;
        }
        if (!(matchTolerance >= 0) || !(maxMatchingHalfWidth >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0, got matchTolerance=" + matchTolerance
                    + ", maxMatchingHalfWidth=" + maxMatchingHalfWidth);
        }
        if (points < OrderFit.MIN_WINDOW_POINTS || Double.isNaN(measured)) {
            return INCONCLUSIVE;
        }
        if (Math.abs(measured - nominal) <= matchTolerance) {
            return MATCHES;
        }
        if (ciLower <= nominal && nominal <= ciUpper) {
            return (ciUpper - ciLower) / 2 <= maxMatchingHalfWidth ? MATCHES : INCONCLUSIVE;
        }
        return measured > nominal ? ABOVE : BELOW;
    }
}
