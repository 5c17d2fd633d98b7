package difflab.analysis.fit;

/**
 * An allowed deviation {@code absolute + relative·|reference|}. Power-law fits use absolute
 * tolerances (orders are dimensionless and O(1)); exponential fits use relative ones (a rate has
 * the units of 1/x, so no absolute number would fit every experiment).
 *
 * @param absolute the part independent of the reference value, {@code ≥ 0}
 * @param relative the fraction of {@code |reference|}, {@code ≥ 0}
 */
record Tolerance(double absolute, double relative) {

    Tolerance {
        if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("tolerance parts must be finite and >= 0, got absolute="
                    + absolute + ", relative=" + relative);
        }
    }

    static Tolerance absolute(double absolute) {
        return new Tolerance(absolute, 0);
    }

    static Tolerance relative(double relative) {
        return new Tolerance(0, relative);
    }

    /** The allowed deviation around {@code reference}. */
    double at(double reference) {
        return absolute + relative * Math.abs(reference);
    }
}
