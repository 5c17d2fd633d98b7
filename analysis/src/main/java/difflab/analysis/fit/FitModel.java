package difflab.analysis.fit;

/**
 * The error model a fit assumes; both are straight lines in {@code v = ln(error)}.
 *
 * <ul>
 *   <li>{@link #POWER_LAW}: {@code error ≈ C·x^(−p)}, so {@code ln error = ln C − p·ln x}; the
 *       fitted {@code p} is an algebraic order and {@code x} is NFE, steps or a horizon {@code T}.
 *   <li>{@link #EXPONENTIAL}: {@code error ≈ C·e^(−r·x)}, so {@code ln error = ln C − r·x}; the
 *       fitted {@code r} is a rate per unit of {@code x} (NFE, cost, time).
 * </ul>
 */
public enum FitModel {
    /** {@code error ≈ C·x^(−p)}: abscissa {@code u = ln x}, requires {@code x > 0}. */
    POWER_LAW("order") {
        @Override
        double abscissa(double x) {
            return Math.log(x);
        }
    },
    /** {@code error ≈ C·e^(−r·x)}: abscissa {@code u = x}. */
    EXPONENTIAL("rate") {
        @Override
        double abscissa(double x) {
            return x;
        }
    };

    private final String quantity;

    FitModel(String quantity) {
        this.quantity = quantity;
    }

    /** The abscissa {@code u} of the straight-line model {@code ln error = intercept − slope·u}. */
    abstract double abscissa(double x);

    /** What the negated slope is called under this model: {@code "order"} or {@code "rate"}. */
    public String quantity() {
        return quantity;
    }
}
