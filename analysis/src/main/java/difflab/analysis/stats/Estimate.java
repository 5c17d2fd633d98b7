package difflab.analysis.stats;

/**
 * A statistical estimate and its standard error.
 *
 * @param value          the estimate
 * @param standardError  its standard error (NaN where it cannot be estimated)
 */
public record Estimate(double value, double standardError) {
}
